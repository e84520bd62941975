"""oil_gen.py with CONFIG_OS_NUM_CORES (kernel/erika/README.md, "CPU_ID"):
the core of each object in the two-core tables, the per-core levels, idle
loops and shared stacks, and the errors of a multicore OIL file, each at its
file:line. With one core, CPU_ID = 0 changes nothing.
"""
import textwrap
import unittest

from oil_case import OilCase, cpu
from oilgen import OilError

TWO = {"CONFIG_OS_NUM_CORES": "2", "CONFIG_OS_XCORE_SGI": "15",
       "CONFIG_OS_XCORE_IRQ_PRIORITY": "128", "CONFIG_OS_XCORE_QUEUE_LEN": "16"}


def two(**more):
    return dict(TWO, **more)


class TwoCoreTables(OilCase):
    OIL = """\
        CPU c {
          OS os { ERRORHOOK = TRUE; };
          TASK A0 { PRIORITY = 1; AUTOSTART = TRUE; RESOURCE = R0; };
          TASK B0 { PRIORITY = 5; SCHEDULE = NON; };
          TASK E0 { PRIORITY = 7; EVENT = Ev; };
          TASK A1 { PRIORITY = 1; CPU_ID = 1; AUTOSTART = TRUE; RESOURCE = R1; };
          TASK B1 { PRIORITY = 3; CPU_ID = 1; SCHEDULE = NON; RESOURCE = RES_SCHEDULER; };
          TASK C1 { PRIORITY = 3; CPU_ID = 1; ACTIVATION = 2; RESOURCE = Int1;
                    STACK = SHARED { SIZE = 600; }; };
          TASK E1 { PRIORITY = 9; CPU_ID = 1; EVENT = Ev; };
          RESOURCE R0 { RESOURCEPROPERTY = STANDARD; };
          RESOURCE R1 { RESOURCEPROPERTY = STANDARD; };
          RESOURCE L1 { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = R1; }; };
          RESOURCE Int1 { RESOURCEPROPERTY = INTERNAL; };
          RESOURCE Unused { RESOURCEPROPERTY = STANDARD; };
          EVENT Ev { MASK = AUTO; };
          ISR I0 { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI1; RESOURCE = R0; };
          ISR I1 { CATEGORY = 2; PRIORITY = 4; SOURCE = SGI2; CPU_ID = 1; RESOURCE = L1; };
          ISR Q1 { CATEGORY = 1; PRIORITY = 20; SOURCE = SGI3; CPU_ID = 1; };
          COUNTER SystemTimer { MAXALLOWEDVALUE = 1000; };
          COUNTER Soft1 { MAXALLOWEDVALUE = 10; CPU_ID = 1; };
          ALARM Al0 { COUNTER = SystemTimer; ACTION = ACTIVATETASK { TASK = A1; }; };
          ALARM Al1 { COUNTER = Soft1; ACTION = SETEVENT { TASK = E1; EVENT = Ev; }; };
        };
        """

    def setUp(self):
        super().setUp()
        self.h, self.c = self.gen(textwrap.dedent(self.OIL),
                                  extra=two(CONFIG_ARM_VTIMER_IRQ_PRIORITY="160"))

    def task(self, name):
        line = [ln for ln in self.c.splitlines() if ln.startswith(f"\t[{name}] = ")]
        self.assertEqual(len(line), 1, name)
        return line[0]

    def test_levels_per_core(self):
        # Core 0: priorities 1, 5, 7 -> levels 1..3; core 1: 1, 3, 9 -> 4..6.
        for name, base in (("A0", 1), ("B0", 2), ("E0", 3), ("A1", 4), ("B1", 5), ("C1", 5),
                           ("E1", 6)):
            self.assertIn(f".base_prio = {base},", self.task(name))
        self.assertIn("#define OS_NUM_TASK_LEVELS 6", self.h)
        self.assertIn("os_level_task[OS_NUM_TASK_LEVELS + 1] = { 0, 0, 1, 2, 3, 5, 6 };", self.c)
        # Level 5 holds B1 and C1 (two activations): a FIFO of 3.
        self.assertIn("{ 3, 1 }, { 4, 3 }, { 7, 1 } };", self.c)

    def test_non_preemptive_at_its_core_top(self):
        self.assertIn(".base_prio = 2, .run_prio = 3,", self.task("B0"))   # core 0's top
        self.assertIn(".base_prio = 5, .run_prio = 6,", self.task("B1"))   # core 1's top

    def test_core_fields(self):
        for name, core in (("A0", 0), ("B0", 0), ("E0", 0), ("A1", 1), ("C1", 1), ("E1", 1)):
            self.assertTrue(self.task(name).endswith(f", .core = {core} }},"), name)
        self.assertIn("[SystemTimer] = { 1000u, 1u, 1u, 1u, .core = 0 },", self.c)
        self.assertIn("[Soft1] = { 10u, 1u, 1u, 0u, .core = 1 },", self.c)
        self.assertRegex(self.c, r'"I0", .*\.configure = 0, \.core = 0 \},')
        self.assertRegex(self.c, r'"I1", .*\.configure = 0, \.core = 1 \},')
        self.assertRegex(self.c, r'"Q1", .*\.category = 1, .*\.core = 1 \},')

    def test_resources(self):
        # RES_SCHEDULER: above every task level of every core, on each core.
        self.assertIn("[RES_SCHEDULER] = { .ceiling = 6, .core = OS_CORE_ANY },", self.c)
        self.assertIn("[R0] = { .ceiling = 7, .pmr = 0xe0, .core = 0 },", self.c)   # ISR I0
        # L1 (I1's, core 1) links to R1 (A1's, core 1): one chain, one core.
        self.assertIn("[R1] = { .ceiling = 8, .pmr = 0xd8, .core = 1 },", self.c)
        self.assertIn("[L1] = { .ceiling = 8, .pmr = 0xd8, .core = 1 },", self.c)
        self.assertIn("[Unused] = { .ceiling = 0, .core = 0 },", self.c)

    def test_idle_per_core(self):
        self.assertIn("const struct os_task_cfg os_task_cfg[OS_NUM_TASKS + OS_NUM_CORES] = {",
                      self.c)
        self.assertIn('\t[OS_NUM_TASKS + 0] = { .stack = &os_shared_stacks[0], .name = "idle", '
                      '.core = 0 },\n\t[OS_NUM_TASKS + 1] = { .stack = &os_shared_stacks[1], '
                      '.name = "idle", .core = 1 },\n};', self.c)
        self.assertIn("struct os_tcb os_tcb[OS_NUM_TASKS + OS_NUM_CORES];", self.c)
        self.assertNotIn("os_shared_stack,", self.c)
        self.assertNotIn("os_shared_stack ", self.c)

    def test_shared_stacks(self):
        # Core 0: A0 (level 1) and B0 (level 2); core 1: A1 (4) and B1/C1 (5, C1's 600).
        self.assertIn('OS_STACK(os_stack_shared0, OS_IDLE_STACK_SIZE + (1024 + OS_STACK_OVERHEAD)'
                      ' + (1024 + OS_STACK_OVERHEAD), "shared stack 0");', self.c)
        self.assertIn('OS_STACK(os_stack_shared1, OS_IDLE_STACK_SIZE + (1024 + OS_STACK_OVERHEAD)'
                      ' + (1024 + OS_STACK_OVERHEAD), "shared stack 1");', self.c)
        self.assertIn("const struct os_stack os_shared_stacks[OS_NUM_CORES] = {\n"
                      "\tOS_STACK_AREA(os_stack_shared0),\n\tOS_STACK_AREA(os_stack_shared1),\n};",
                      self.c)
        self.assertIn(".stack = &os_shared_stacks[1],", self.task("C1"))
        self.assertIn(".stack = &os_stack_area_E1,", self.task("E1"))
        self.assertIn("os_stacks[OS_NUM_STACKS] = {\n\t&os_shared_stacks[0],\n"
                      "\t&os_shared_stacks[1],\n\t&os_stack_area_E0,\n\t&os_stack_area_E1,\n};",
                      self.c)
        self.assertIn("#define OS_NUM_STACKS 4", self.h)

    def test_shared_frames_by_level(self):
        # One frame per level of the core's shared-stack tasks, the largest task of each.
        _, c = self.gen(cpu("""\
            TASK A { PRIORITY = 1; STACK = SHARED { SIZE = 100; }; };
            TASK B { PRIORITY = 1; CPU_ID = 1; STACK = SHARED { SIZE = 200; }; };
            TASK C { PRIORITY = 2; CPU_ID = 1; STACK = SHARED { SIZE = 300; }; };
            """), extra=TWO)
        self.assertIn("OS_STACK(os_stack_shared0, OS_IDLE_STACK_SIZE + (100 + OS_STACK_OVERHEAD)"
                      ', "shared stack 0");', c)
        self.assertIn("OS_STACK(os_stack_shared1, OS_IDLE_STACK_SIZE + (200 + OS_STACK_OVERHEAD)"
                      ' + (300 + OS_STACK_OVERHEAD), "shared stack 1");', c)

    def test_no_task_on_a_core(self):
        _, c = self.gen(cpu("TASK A { PRIORITY = 1; CPU_ID = 1; };"), extra=TWO)
        self.assertIn('OS_STACK(os_stack_shared0, OS_IDLE_STACK_SIZE + 0, "shared stack 0");', c)
        self.assertIn(".base_prio = 1, .run_prio = 1,", c)

    def test_cross_core_sgi_is_a_kernel_interrupt(self):
        # Per core, each level its body + 96: core 0 has I0 (0xe0: 128), the timer
        # (160 = 0xa0: 256) and the SGI (128 = 0x80: 256) = 928; core 1 has I1 and Q1
        # (128 each) and the SGI = 800. Each core has its stack: the larger one.
        self.assertIn("#define OS_ISR_STACK_NEED 928", self.h)
        self.assertIn("#define OS_LOCK_PMR 0x60u", self.h)   # below Q1 (0x58)

    def test_num_cores_check(self):
        self.assertIn('#if CONFIG_OS_NUM_CORES != 2\n#error "erika_oil.h was generated for '
                      '2 cores (CONFIG_OS_NUM_CORES): the .config changed, build again"\n#endif',
                      self.h)

    def test_same_priority_on_two_cores_in_bcc1(self):
        # Levels belong to one core: two tasks of priority 4 on two cores are two levels.
        _, c = self.gen(cpu("TASK T { PRIORITY = 4; };\nTASK U { PRIORITY = 4; CPU_ID = 1; };"),
                        klass="BCC1", extra=TWO)
        self.assertRegex(c, r"\[T\] = .*\.base_prio = 1,")
        self.assertRegex(c, r"\[U\] = .*\.base_prio = 2,")


class OneCore(OilCase):
    """CONFIG_OS_NUM_CORES = 1 (or absent): the tables of before, no core."""

    OIL = cpu("""\
        TASK T { PRIORITY = 1; CPU_ID = 0; RESOURCE = R; };
        RESOURCE R { };
        COUNTER C { MAXALLOWEDVALUE = 9;%s };
        ISR I { CATEGORY = 2; PRIORITY = 1; SOURCE = SGI15;%s };
        """)

    def test_cpu_id_0_changes_nothing(self):
        with_id = self.gen(self.OIL % (" CPU_ID = 0;", " CPU_ID = 0;"),
                           extra={"CONFIG_OS_NUM_CORES": "1"})
        without = self.gen(self.OIL.replace(" CPU_ID = 0;", "") % ("", ""))
        self.assertEqual(with_id, without)
        h, c = without
        self.assertNotIn("core", (h + c).lower())
        self.assertIn("const struct os_stack os_shared_stack = OS_STACK_AREA(os_stack_shared);",
                      c)
        self.assertIn("#define OS_NUM_STACKS 1", h)

    def test_cpu_id_1(self):
        for extra in ({}, {"CONFIG_OS_NUM_CORES": "1"}):
            self.error(cpu("TASK T {\n PRIORITY = 1;\n CPU_ID = 1;\n};"), 5,
                       r"^TASK T: CPU_ID = 1, but the build has 1 core \(CONFIG_OS_NUM_CORES\)$",
                       extra=extra)


class CoreErrors(OilCase):
    def test_bad_core_count(self):
        for extra in ({"CONFIG_OS_NUM_CORES": "0"}, {"CONFIG_OS_NUM_CORES": "two"},
                      two(CONFIG_OS_XCORE_SGI="x")):
            with self.assertRaises(OilError) as cm:
                self.gen(cpu("TASK T { PRIORITY = 1; };"), extra=extra)
            self.assertRegex(str(cm.exception), r"^error: the \.config's CONFIG_OS_")

    def test_task_cpu_id_out_of_range(self):
        self.error(cpu("TASK T {\n PRIORITY = 1;\n CPU_ID = 2;\n};"), 5,
                   r"^TASK T: CPU_ID = 2, but the build has 2 cores \(CONFIG_OS_NUM_CORES\)$",
                   extra=TWO)

    def test_isr_cpu_id_out_of_range(self):
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 1; SOURCE = SGI1;\n CPU_ID = 7; };"), 4,
                   r"^ISR I: CPU_ID = 7, but the build has 2 cores \(CONFIG_OS_NUM_CORES\)$",
                   extra=TWO)

    def test_counter_cpu_id_out_of_range(self):
        self.error(cpu("COUNTER C { MAXALLOWEDVALUE = 9;\n\n CPU_ID = 3; };"), 5,
                   r"^COUNTER C: CPU_ID = 3, but the build has 2 cores", extra=TWO)

    def test_cpu_id_not_a_number(self):
        self.error(cpu("TASK T { PRIORITY = 1;\n CPU_ID = ONE; };"), 4,
                   r"TASK T: CPU_ID must be an integer", extra=TWO)

    def test_resource_on_two_cores(self):
        e = self.error(cpu("RESOURCE R { };\nTASK T { PRIORITY = 1; RESOURCE = R; };\n"
                           "TASK U { PRIORITY = 2; CPU_ID = 1;\n RESOURCE = R; };"), 6,
                       r"^RESOURCE R: TASK U uses it on core 1 and TASK T on core 0; a resource "
                       r"belongs to the one core of its users$", extra=TWO)
        self.assertIn("TASK T", str(e))

    def test_resource_of_an_isr_on_another_core(self):
        self.error(cpu("RESOURCE R { };\nTASK T { PRIORITY = 1; CPU_ID = 1; RESOURCE = R; };\n"
                       "ISR I { CATEGORY = 2; PRIORITY = 2; SOURCE = SGI1;\n"
                       " RESOURCE = R; };"), 6,
                   r"^RESOURCE R: ISR I uses it on core 0 and TASK T on core 1", extra=TWO)

    def test_linked_chain_on_two_cores(self):
        self.error(cpu("RESOURCE R { };\n"
                       "RESOURCE L { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = R; }; };\n"
                       "TASK T { PRIORITY = 1; RESOURCE = R; };\n"
                       "TASK U { PRIORITY = 2; CPU_ID = 1;\n RESOURCE = L; };"), 7,
                   r"^RESOURCE L \(a LINKED chain with R\): TASK U uses it on core 1 and TASK T "
                   r"on core 0", extra=TWO)

    def test_internal_resource_on_two_cores(self):
        self.error(cpu("RESOURCE G { RESOURCEPROPERTY = INTERNAL; };\n"
                       "TASK T { PRIORITY = 1; RESOURCE = G; };\n"
                       "TASK U { PRIORITY = 2; CPU_ID = 1;\n RESOURCE = G; };"), 6,
                   r"^RESOURCE G: TASK U uses it on core 1 and TASK T on core 0", extra=TWO)

    def test_isr_on_the_cross_core_sgi(self):
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 1;\n SOURCE = SGI15; };"), 4,
                   r"^ISR I: SOURCE = SGI15 is the kernel's cross-core SGI "
                   r"\(CONFIG_OS_XCORE_SGI\)", extra=TWO)
        # The SGI is Kconfig's: another one is refused, SGI15 is free then.
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 1;\n SOURCE = SGI3; };"), 4,
                   r"kernel's cross-core SGI", extra=two(CONFIG_OS_XCORE_SGI="3"))
        self.gen(cpu("ISR I { CATEGORY = 2; PRIORITY = 1; SOURCE = SGI15; };"),
                 extra=two(CONFIG_OS_XCORE_SGI="3"))

    def test_system_counter_per_core(self):
        # One per core, each on its core's virtual timer; DIVIDER divides its own core's.
        _, c = self.gen(cpu("COUNTER S0 { SYSTEM_TIMER = TRUE; MAXALLOWEDVALUE = 9; };\n"
                            "COUNTER S1 { SYSTEM_TIMER = TRUE; MAXALLOWEDVALUE = 9; CPU_ID = 1; };\n"
                            "COUNTER D1 { MAXALLOWEDVALUE = 9; DIVIDER = 2; CPU_ID = 1; };"),
                        extra=TWO)
        self.assertIn("const uint8_t os_core_system_counter[OS_NUM_CORES] = { 0, 1 };", c)
        _, c = self.gen(cpu("COUNTER S1 { SYSTEM_TIMER = TRUE; MAXALLOWEDVALUE = 9; CPU_ID = 1; };"),
                        extra=TWO)
        self.assertIn("os_core_system_counter[OS_NUM_CORES] = { OS_NO_COUNTER, 0 };", c)

    def test_second_system_counter_of_a_core(self):
        self.error(cpu("COUNTER S0 { SYSTEM_TIMER = TRUE; MAXALLOWEDVALUE = 9; CPU_ID = 1; };\n"
                       "COUNTER S1 { SYSTEM_TIMER = TRUE; MAXALLOWEDVALUE = 9; CPU_ID = 1; };"), 4,
                   r"^COUNTER S1: a second system counter of core 1 \(COUNTER S0 is one\)$",
                   extra=TWO)

    def test_divider_counter_without_its_core_system_counter(self):
        self.error(cpu("COUNTER SystemTimer { MAXALLOWEDVALUE = 9; };\n"
                       "COUNTER D { MAXALLOWEDVALUE = 9; DIVIDER = 2;\n CPU_ID = 1; };"), 4,
                   r"^COUNTER D: DIVIDER = 2 divides the system counter's tick, but no COUNTER "
                   r"is the system counter of core 1 ", extra=TWO)

    def test_software_counter_on_core_1(self):
        _, c = self.gen(cpu("COUNTER S { MAXALLOWEDVALUE = 9; CPU_ID = 1; };"), extra=TWO)
        self.assertIn("[S] = { 9u, 1u, 1u, 0u, .core = 1 },", c)

    UPCALL = ('ISR XenEvents { CATEGORY = 2; PRIORITY = 11; SOURCE = "xen_hypervisor";\n'
              ' HANDLER = "evtchn_upcall_isr";\n CPU_ID = %d; };')

    def test_upcall_off_the_events_vcpu(self):
        # The driver binds every port to CONFIG_XEN_EVENTS_VCPU (default 0).
        self.error(cpu(self.UPCALL % 1), 5,
                   r"^ISR XenEvents: CPU_ID = 1, but the Xen event channels are bound to "
                   r"vCPU 0 \(CONFIG_XEN_EVENTS_VCPU\): the upcall ISR \(HANDLER "
                   r"evtchn_upcall_isr\) must run there$",
                   extra=two(CONFIG_XEN_EVENTS="y"))
        self.error(cpu(self.UPCALL % 0), 5,
                   r"^ISR XenEvents: CPU_ID = 0, but the Xen event channels are bound to "
                   r"vCPU 1 ", extra=two(CONFIG_XEN_EVENTS="y", CONFIG_XEN_EVENTS_VCPU="1"))

    def test_upcall_on_the_events_vcpu(self):
        _, c = self.gen(cpu(self.UPCALL % 1),
                        extra=two(CONFIG_XEN_EVENTS="y", CONFIG_XEN_EVENTS_VCPU="1"))
        self.assertRegex(c, r"\.body = evtchn_upcall_isr, .*\.core = 1 }")

    def test_cat1_below_cross_core_sgi(self):
        # The SGI (GIC priority 128 = OIL 15) is masked by the kernel lock.
        self.error(cpu("ISR I1 { CATEGORY = 1; PRIORITY = 15; SOURCE = SGI1; };"), 3,
                   r"^ISR I1: a category 1 ISR must be above the kernel's cross-core SGI "
                   r"\(OS_XCORE_IRQ_PRIORITY = 128, OIL priority 15 or less\); give it "
                   r"PRIORITY 16 or more$", extra=TWO)
        self.gen(cpu("ISR I1 { CATEGORY = 1; PRIORITY = 16; SOURCE = SGI1; };"), extra=TWO)

    def test_nested_isr_stack_per_core(self):
        # Core 1: B (500 + 96) and the SGI (256 + 96) = 948; core 0: A + SGI = 548.
        self.error(cpu("ISR A { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI1; STACKSIZE = 100; };\n"
                       "ISR B { CATEGORY = 2; PRIORITY = 5; SOURCE = SGI2; STACKSIZE = 500;\n"
                       " CPU_ID = 1; };"), 4,
                   r"^ISR B: nested interrupts on core 1 need 948 bytes of interrupt stack "
                   r"\(2 priority levels", extra=two(CONFIG_OS_ISR_STACK_SIZE="900"))
        h, _ = self.gen(cpu("ISR A { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI1; };"),
                        extra=two(CONFIG_OS_ISR_STACK_SIZE="900"))
        self.assertIn("#define OS_ISR_STACK_NEED 576", h)   # core 0; core 1: 352

    def test_same_priority_on_one_core_in_bcc1(self):
        self.error(cpu("TASK T { PRIORITY = 4; CPU_ID = 1; };\nTASK U {\n PRIORITY = 4;\n"
                       " CPU_ID = 1; };"), 5,
                   r"TASK U: PRIORITY = 4 is also TASK T's \(line 3\); several tasks per "
                   r"priority needs conformance class BCC2 or ECC2", klass="BCC1", extra=TWO)

    def test_too_many_levels(self):
        tasks = "\n".join(f"TASK T{i} {{ PRIORITY = {i % 16}; CPU_ID = {i // 16}; }};"
                          for i in range(32))
        self.error(cpu(tasks), 34, r"^32 different task priorities \(per core: 16 \+ 16\); at "
                                   r"most 31$", extra=TWO)


if __name__ == "__main__":
    unittest.main()


class SplitDefinitions(OilCase):
    """An object declared in parts: one object with the parts' attributes
    (a shared OIL #included, a configuration adding CPU_ID)."""

    def test_parts_merge(self):
        self.write("common.oil", "TASK T { PRIORITY = 2; AUTOSTART = TRUE; };\n")
        _, c = self.gen(cpu('#include "common.oil"\nTASK T { CPU_ID = 1; };'), extra=TWO)
        self.assertRegex(c, r"\[T\] = \{ .*\.autostart = 0x1u, .*\.core = 1 \},")

    def test_attribute_in_two_parts(self):
        self.write("common.oil", "TASK T { PRIORITY = 2; };\n")
        with self.assertRaises(OilError) as cm:
            self.gen(cpu('#include "common.oil"\nTASK T { PRIORITY = 3; };'), extra=TWO)
        e = cm.exception
        self.assertTrue(e.loc.path.endswith("app.oil"), e.loc.path)
        self.assertEqual(e.loc.line, 4)
        self.assertRegex(str(e), r"TASK T: PRIORITY given twice \(first at line 1 of "
                                 r".*common\.oil\)")

    def test_same_name_other_kind(self):
        self.error(cpu("TASK T { PRIORITY = 2; };\nEVENT T { MASK = AUTO; };"), 4,
                   r"^EVENT T: name already used by TASK T at line 3")
