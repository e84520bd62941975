"""oil_gen.py on good OIL files: the names, levels, ceilings, masks, stacks
and tables it generates, and its command line (outputs, depfile, exit code).
"""
import io
import os
import textwrap
import unittest
from contextlib import redirect_stderr

from oil_case import OilCase, cpu, kconfig, oil_gen
from oilgen import OilError


class GoodInput(OilCase):
    FULL = """\
        OIL_VERSION = "2.5";
        IMPLEMENTATION erika { TASK { UINT32 PRIORITY; }; };
        CPU c {
          OS os { STATUS = EXTENDED; KERNEL_TYPE = ECC2; ERRORHOOK = TRUE; PRETASKHOOK = TRUE;
                  USEGETSERVICEID = TRUE; } : "the OS";
          APPMODE OSDEFAULTAPPMODE {};
          APPMODE Other {};
          TASK Low { PRIORITY = 10; ACTIVATION = 2; AUTOSTART = TRUE { APPMODE = Other; };
                     RESOURCE = R; RESOURCE = Grp; };
          TASK Mid { PRIORITY = 20; SCHEDULE = NON; STACK = PRIVATE { SIZE = 512; }; };
          TASK Mid2 { PRIORITY = 20; RESOURCE = Grp; };  // same priority
          TASK Ext { PRIORITY = 35; EVENT = E1; EVENT = E2; EVENT = E3;
                     AUTOSTART = TRUE; };
          TASK Ext2 { PRIORITY = 40; EVENT = E1; STACKSIZE = 300; RESOURCE = R; };
          RESOURCE R { RESOURCEPROPERTY = STANDARD; };
          RESOURCE Grp { RESOURCEPROPERTY = INTERNAL; };
          RESOURCE RI { RESOURCEPROPERTY = STANDARD; };
          EVENT E1 { MASK = AUTO; };
          EVENT E2 { MASK = 0x1; };
          EVENT E3 { MASK = AUTO; };
          ISR I2 { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI4; RESOURCE = RI; };
          ISR I2b { CATEGORY = 2; PRIORITY = 5; SOURCE = "uart0:1"; RESOURCE = RI; };
          ISR I1 { CATEGORY = 1; PRIORITY = 9; SOURCE = 40; };
          COUNTER SystemTimer { MAXALLOWEDVALUE = 1000; TICKSPERBASE = 2; MINCYCLE = 3; };
          COUNTER Soft { MAXALLOWEDVALUE = 7; };
          ALARM A1 { COUNTER = SystemTimer; ACTION = ACTIVATETASK { TASK = Low; };
                     AUTOSTART = TRUE { ALARMTIME = 4; CYCLETIME = 10; APPMODE = Other; }; };
          ALARM A2 { COUNTER = Soft; ACTION = SETEVENT { TASK = Ext; EVENT = E3; }; };
          ALARM A3 { COUNTER = SystemTimer;
                     ACTION = ALARMCALLBACK { ALARMCALLBACKNAME = "tick"; }; };
        };
        """

    def setUp(self):
        super().setUp()
        self.h, self.c = self.gen(textwrap.dedent(self.FULL))

    def test_ids(self):
        for line in ("#define Low ((TaskType)0)", "#define Ext2 ((TaskType)4)",
                     "#define RES_SCHEDULER ((ResourceType)0)", "#define R ((ResourceType)1)",
                     "#define RI ((ResourceType)2)", "#define A3 ((AlarmType)2)",
                     "#define OSDEFAULTAPPMODE ((AppModeType)0)",
                     "#define Other ((AppModeType)1)", "#define OS_NUM_TASKS 5",
                     "#define OS_NUM_TASK_LEVELS 4", "#define OS_HOOK_ERROR 1",
                     "#define OS_HOOK_POSTTASK 0", "#define OS_SYSTEM_COUNTER 0",
                     "#define OSMAXALLOWEDVALUE_Soft ((TickType)7u)",
                     "#define OSMINCYCLE OSMINCYCLE_SystemTimer",
                     "extern void OS_ALARMCB_tick(void);", "extern void OS_ISR_I1(void);"):
            self.assertIn(line, self.h)
        self.assertNotIn("Grp", self.h)  # internal resources have no id

    def test_event_masks(self):
        # E2 is 0x1 in Ext; E1 is shared by Ext and Ext2: first bit free in both.
        self.assertIn("#define E2 ((EventMaskType)0x1u)", self.h)
        self.assertIn("#define E1 ((EventMaskType)0x2u)", self.h)
        self.assertIn("#define E3 ((EventMaskType)0x4u)", self.h)

    def test_levels(self):
        # Priorities 10, 20, 35, 40 -> levels 1..4; Mid is non-preemptive (top level),
        # Low and Mid2 share the internal resource Grp (ceiling: Mid2's level 2).
        self.assertRegex(self.c, r"\[Low\] = .*\.base_prio = 1, \.run_prio = 2, \.max_act = 2")
        self.assertRegex(self.c, r"\[Mid\] = .*\.base_prio = 2, \.run_prio = 4,")
        self.assertRegex(self.c, r"\[Mid2\] = .*\.base_prio = 2, \.run_prio = 2,")
        self.assertRegex(self.c, r"\[Ext\] = .*\.flags = OS_TASK_EXTENDED")

    def test_ceilings(self):
        # R: Low (1), Ext2 (4) -> 4; RI: ISRs of levels 5 and 6 -> 6.
        self.assertIn("[RES_SCHEDULER] = { .ceiling = 4 },", self.c)
        self.assertIn("[R] = { .ceiling = 4 },", self.c)
        self.assertIn("[RI] = { .ceiling = 6, .pmr = 0xd0 },", self.c)   # I2b's GIC priority

    def test_lock_mask(self):
        # The kernel lock masks from just below the lowest ISR1 (I1: 9, 0xb0).
        self.assertIn("#define OS_LOCK_PMR 0xb8u", self.h)
        # Three ISR priorities, 128 bytes each by default, 96 of frame each.
        self.assertIn("#define OS_ISR_STACK_NEED 672", self.h)

    def test_isrs(self):
        self.assertRegex(self.c, r'"I2", \.intid = 4, \.gic_prio = 0xe0, \.level = 5, '
                                 r'\.category = 2, \.dt_flags = 0, \.configure = 0')
        self.assertIn(".intid = DT_IRQ_INTID_BY_IDX(DT_NODELABEL(uart0), 1)", self.c)
        self.assertIn("#include <erika/devicetree.h>", self.c)
        self.assertRegex(self.c, r'"I1", \.intid = 40, \.gic_prio = 0xb0, \.level = 255')

    def test_driver_handler(self):
        """HANDLER: the body is the driver's function, declared for the driver."""
        h, c = self.gen(cpu('ISR XenEvents { CATEGORY = 2; PRIORITY = 11;\n'
                            ' SOURCE = "xen_hypervisor"; HANDLER = "evtchn_upcall_isr"; };'),
                        extra={"CONFIG_XEN_EVENTS": "y"})
        self.assertNotIn("OS_ISR_XenEvents", h + c)
        self.assertIn("#define XenEvents ((ISRType)0)", h)  # GetISRID's answer
        self.assertIn("extern void evtchn_upcall_isr(void);", c)
        self.assertIn("const uint8_t oil_declares_isr_evtchn_upcall_isr = 1;", c)
        self.assertRegex(c, r'\.body = evtchn_upcall_isr, \.name = "XenEvents", '
                            r'\.intid = DT_IRQ_INTID_BY_IDX\(DT_NODELABEL\(xen_hypervisor\), 0\), '
                            r'\.gic_prio = 0xa0')
        # The PPI's CPU mask (0xf08) stays out of the one-byte trigger type.
        self.assertIn(".dt_flags = (DT_IRQ_FLAGS_BY_IDX(DT_NODELABEL(xen_hypervisor), 0) & 0xffu)", c)

    def test_autostart(self):
        self.assertRegex(self.c, r"\[Low\] = .*\.autostart = 0x2u")
        self.assertRegex(self.c, r"\[Ext\] = .*\.autostart = 0x1u")   # default mode
        self.assertIn("[A1] = { .counter = 0, .action = OS_ALARM_ACTIVATETASK, .task = Low, "
                      ".autostart = 0x2u, .alarmtime = 4u, .cycletime = 10u },", self.c)
        self.assertIn(".action = OS_ALARM_SETEVENT, .task = Ext, .event = E3", self.c)

    def test_fifo(self):
        # Level 1: Low x2; level 2: Mid + Mid2; levels 3, 4: one each.
        self.assertIn("os_fifo_cfg[OS_NUM_TASK_LEVELS + 1] = "
                      "{ { 0, 0 }, { 0, 2 }, { 2, 2 }, { 4, 1 }, { 5, 1 } };", self.c)

    def test_stacks(self):
        # Shared: Low (level 1) and Mid2 (level 2) with the default size.
        self.assertIn('OS_STACK(os_stack_shared, OS_IDLE_STACK_SIZE + (1024 + OS_STACK_OVERHEAD)'
                      ' + (1024 + OS_STACK_OVERHEAD), "shared stack");', self.c)
        # Each private stack names its task for the guard-page fault report.
        self.assertIn('OS_STACK(os_stack_Mid, 512, "Mid");', self.c)
        self.assertIn('OS_STACK(os_stack_Ext, 1024, "Ext");', self.c)   # extended: private
        self.assertIn('OS_STACK(os_stack_Ext2, 300, "Ext2");', self.c)
        self.assertIn("#define OS_NUM_STACKS 4", self.h)

    def test_class_guard(self):
        self.assertIn("#if !defined(CONFIG_OS_CLASS_ECC2) || "
                      "!defined(CONFIG_OS_STATUS_EXTENDED)", self.h)


class Linked(OilCase):
    """RESOURCEPROPERTY = LINKED (OIL 2.5): an object of its own (own id, own
    nesting) sharing the ceiling of its whole chain's users."""

    def test_chain(self):
        h, c = self.gen(cpu("""\
            TASK T1 { PRIORITY = 1; RESOURCE = RL2; };
            TASK T2 { PRIORITY = 5; RESOURCE = R; };
            TASK T3 { PRIORITY = 9; RESOURCE = Other; };
            RESOURCE R { RESOURCEPROPERTY = STANDARD; };
            RESOURCE RL1 { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = R; }; };
            RESOURCE RL2 { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = RL1; }; };
            RESOURCE Other { };
            """), klass="BCC1")
        for i, r in enumerate(("R", "RL1", "RL2", "Other")):
            self.assertIn(f"#define {r} ((ResourceType){i + 1})", h)
        for r in ("R", "RL1", "RL2"):
            self.assertIn(f"[{r}] = {{ .ceiling = 2 }},", c)   # T1 and T2: level 2
        self.assertIn("[Other] = { .ceiling = 3 },", c)

    def test_isr_user_raises_the_chain(self):
        _, c = self.gen(cpu("""\
            TASK T1 { PRIORITY = 1; RESOURCE = R; };
            RESOURCE R { };
            RESOURCE RL { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = R; }; };
            ISR I { CATEGORY = 2; PRIORITY = 1; SOURCE = SGI1; RESOURCE = RL; };
            """), klass="BCC1")
        self.assertIn("[R] = { .ceiling = 2, .pmr = 0xf0 },", c)    # the ISR's level
        self.assertIn("[RL] = { .ceiling = 2, .pmr = 0xf0 },", c)


class Counters(OilCase):
    """Counter ids (IncrementCounter), the system counter, DIVIDER counters."""

    def test_divider_and_software(self):
        h, c = self.gen(cpu("""\
            COUNTER SystemTimer { MAXALLOWEDVALUE = 1000; };
            COUNTER Div { MAXALLOWEDVALUE = 50; DIVIDER = 10; };
            COUNTER Soft { MAXALLOWEDVALUE = 7; MINCYCLE = 2; };
            """), klass="BCC1")
        for i, name in enumerate(("SystemTimer", "Div", "Soft")):
            self.assertIn(f"#define {name} ((CounterType){i})", h)
        self.assertIn("#define OS_NUM_DIVIDED_COUNTERS 1", h)
        self.assertIn("[SystemTimer] = { 1000u, 1u, 1u, 1u },", c)   # every system tick
        self.assertIn("[Div] = { 50u, 1u, 1u, 10u },", c)            # every 10th
        self.assertIn("[Soft] = { 7u, 1u, 2u, 0u },", c)             # IncrementCounter only


class Minimal(OilCase):
    def test_defaults(self):
        h, c = self.gen(cpu("TASK T { PRIORITY = 1; AUTOSTART = TRUE; };"), klass="BCC1",
                        status="STANDARD")
        self.assertIn("#define OS_NUM_TASKS 1", h)
        self.assertIn("#define OS_HAS_SYSTEM_COUNTER 0", h)
        self.assertIn("#define OS_NUM_RESOURCES 1", h)   # RES_SCHEDULER
        self.assertIn("#define OS_LOCK_PMR 0x00u", h)    # no ISR1: the lock masks all
        self.assertNotIn("os_alarm_cfg", c)
        self.assertNotIn("os_isr_cfg", c)

    def test_comments_and_include(self):
        self.write("tasks.oil", "// the task\nTASK T { PRIORITY = 1; /* one */ };\n")
        h, _ = self.gen("/* head\n comment */ CPU c { OS os {};\n#include \"tasks.oil\"\n};")
        self.assertIn("#define T ((TaskType)0)", h)

    def test_error_in_included_file(self):
        self.write("tasks.oil", "\n\nTASK T { PRIORITY = x; };\n")
        with self.assertRaises(OilError) as cm:
            self.gen("CPU c { OS os {};\n#include \"tasks.oil\"\n};")
        self.assertEqual(os.path.basename(cm.exception.loc.path), "tasks.oil")
        self.assertEqual(cm.exception.loc.line, 3)


class CommandLine(OilCase):
    def run_main(self, oil_text, klass="ECC2"):
        oil = self.write("app.oil", oil_text)
        cfg = self.write(".config", "".join(f"{k}={v}\n" for k, v in kconfig(klass).items()))
        out = os.path.join(self.dir, "out")
        err = io.StringIO()
        with redirect_stderr(err):
            rc = oil_gen.main(["--config", cfg, "--output-dir", out,
                               "--depfile", os.path.join(out, "d"), oil])
        return rc, err.getvalue(), out

    def test_writes_outputs_and_depfile(self):
        self.write("inc.oil", "TASK T { PRIORITY = 1; };\n")
        rc, err, out = self.run_main("CPU c { OS os {};\n#include \"inc.oil\"\n};")
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(os.path.isfile(os.path.join(out, "erika_oil.c")))
        with open(os.path.join(out, "d"), encoding="utf-8") as f:
            dep = f.read()
        self.assertTrue(dep.startswith(os.path.join(out, "erika_oil.h") + ":"))
        for name in ("app.oil", "inc.oil", ".config"):
            self.assertIn(os.path.join(self.dir, name), dep)
        self.assertEqual([f for f in os.listdir(out) if f.startswith(".tmp")], [])

    def test_error_exit(self):
        rc, err, out = self.run_main("CPU c {\n OS os {};\n TASK T { PRIORITY = 1;\n"
                                     " EVENT = E; };\nEVENT E { MASK = 1; };\n};",
                                     klass="BCC1")
        self.assertEqual(rc, 1)
        self.assertRegex(err, r"^.*app\.oil:4: error: TASK T: EVENT E makes it an extended "
                              r"task, which needs conformance class ECC1 or ECC2, but the "
                              r"build is configured for BCC1 \(CONFIG_OS_CLASS_BCC1\)\n$")
        self.assertFalse(os.path.exists(out))   # nothing half-written

    def test_config_without_kernel(self):
        oil = self.write("app.oil", "CPU c { OS os {}; };")
        cfg = self.write(".config", "CONFIG_PRINTK=y\n")
        err = io.StringIO()
        with redirect_stderr(err):
            rc = oil_gen.main(["--config", cfg, "--output-dir", self.dir, oil])
        self.assertEqual(rc, 1)
        self.assertRegex(err.getvalue(), r"CONFIG_OS_DEFAULT_STACK_SIZE|conformance class")


if __name__ == "__main__":
    unittest.main()
