"""oil_gen.py on bad OIL files: each error names the file and line at
fault, the object, and says what is wrong.
"""
import unittest

from oil_case import OilCase, cpu


class SyntaxErrors(OilCase):
    def test_missing_semicolon(self):
        self.error("CPU c {\n OS os {}\n TASK T { PRIORITY = 1; };\n};", 3,
                   r"expected ';' after OS os, found 'TASK'")

    def test_bad_character(self):
        self.error("CPU c {\n OS os {};\n TASK T { PRIORITY = 1 @ };\n};", 3,
                   r"unexpected character '@'")

    def test_unclosed_comment(self):
        self.error("CPU c { OS os {}; };\n\n/* no end", 3, r"comment not closed")

    def test_unclosed_object(self):
        self.error("CPU c {\n OS os {};\n TASK T { PRIORITY = 1;\n", 4,
                   r"expected an attribute name or '\}', found end of file")

    def test_no_cpu(self):
        self.error('OIL_VERSION = "2.5";\n', 2, r"no CPU object")

    def test_two_cpus(self):
        self.error("CPU a { OS os {}; };\nCPU b { };", 2, r"a second CPU")

    def test_empty_cpu(self):
        # Found by fuzzing (issue 15): the message had no file:line.
        self.error("OIL_VERSION = \"2.5\";\nCPU c {\n};\n", 2, r"CPU c: no OS object")

    def test_too_many_resources(self):
        body = "".join(f"RESOURCE R{i} {{ RESOURCEPROPERTY = STANDARD; }};\n" for i in range(255))
        # RES_SCHEDULER is the first of the 254: R253 is one too many.
        self.error(cpu(body), 3 + 253, r"RESOURCE R253: more than 254 resources")

    def test_octal_looking_number(self):
        # Found by fuzzing (issue 15): it was a Python traceback from int("010", 0).
        self.error(cpu("TASK T {\n PRIORITY = 010;\n};"), 4,
                   r"number '010' has a leading zero")

    def test_huge_number(self):
        self.error(cpu("TASK T {\n PRIORITY = " + "9" * 5000 + ";\n};"), 4,
                   r"has more than 64 digits")

    def test_missing_include(self):
        self.error("CPU c {\n#include \"nope.oil\"\n};", 2, r"#include: cannot read .*nope\.oil")


class ModelErrors(OilCase):
    def test_unknown_object(self):
        self.error(cpu("MESSAGE M { };"), 3, r"MESSAGE M: object type not supported")

    def test_unknown_attribute(self):
        self.error(cpu("TASK T {\n PRIORITY = 1;\n COLOUR = RED;\n};"), 5,
                   r"TASK T: unknown attribute COLOUR")

    def test_duplicate_name(self):
        e = self.error(cpu("TASK T { PRIORITY = 1; };\nALARM T { };"), 4,
                       r"ALARM T: name already used by TASK T at line 3")
        self.assertIn("TASK T", str(e))

    def test_missing_priority(self):
        self.error(cpu("TASK T { ACTIVATION = 1; };"), 3, r"TASK T: PRIORITY is missing")

    def test_attribute_twice(self):
        self.error(cpu("TASK T {\n PRIORITY = 1;\n PRIORITY = 2;\n};"), 5,
                   r"TASK T: PRIORITY given twice \(first at line 4\)")

    def test_bad_enum(self):
        self.error(cpu("TASK T { PRIORITY = 1; SCHEDULE = SOMETIMES; };"), 3,
                   r"SCHEDULE must be one of FULL, NON")

    def test_activation_range(self):
        self.error(cpu("TASK T { PRIORITY = 1; ACTIVATION = 0; };"), 3,
                   r"ACTIVATION = 0 is outside 1\.\.255")

    def test_undeclared_resource(self):
        self.error(cpu("TASK T {\n PRIORITY = 1;\n RESOURCE = R;\n};"), 5,
                   r"TASK T: RESOURCE R is not declared")

    def test_undeclared_counter(self):
        self.error(cpu("TASK T { PRIORITY = 1; };\nALARM A { COUNTER = C;\n"
                       " ACTION = ACTIVATETASK { TASK = T; }; };"), 4,
                   r"ALARM A: COUNTER C is not declared")

    def test_wrong_kind(self):
        self.error(cpu("TASK T { PRIORITY = 1; };\nCOUNTER C { MAXALLOWEDVALUE = 9; };\n"
                       "ALARM A { COUNTER = C; ACTION = ACTIVATETASK { TASK = C; }; };"), 5,
                   r"ALARM A: TASK C is not declared")

    def test_setevent_foreign_event(self):
        self.error(cpu("TASK T { PRIORITY = 1; EVENT = E; };\nTASK U { PRIORITY = 2; "
                       "EVENT = F; };\nEVENT E { MASK = AUTO; };\nEVENT F { MASK = AUTO; };\n"
                       "COUNTER C { MAXALLOWEDVALUE = 9; };\nALARM A { COUNTER = C;\n"
                       " ACTION = SETEVENT { TASK = T; EVENT = F; }; };"), 9,
                   r"ALARM A: TASK T has no EVENT F")

    def test_linked_undeclared(self):
        self.error(cpu("RESOURCE R {\n RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = Q; };\n};"),
                   4, r"RESOURCE R: RESOURCE Q is not declared")

    def test_linked_missing_target(self):
        self.error(cpu("RESOURCE R {\n RESOURCEPROPERTY = LINKED;\n};"), 4,
                   r"RESOURCE R: RESOURCEPROPERTY = LINKED: LINKEDRESOURCE is missing")

    def test_linked_to_internal(self):
        self.error(cpu("RESOURCE G { RESOURCEPROPERTY = INTERNAL; };\nRESOURCE R {\n"
                       " RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = G; };\n};"), 5,
                   r"RESOURCE R: LINKEDRESOURCE G is an internal resource")

    def test_linked_cycle(self):
        self.error(cpu("RESOURCE A { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = B; }; };\n"
                       "RESOURCE B { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = C; }; };\n"
                       "RESOURCE C { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = A; }; };"), 3,
                   r"RESOURCE A: LINKEDRESOURCE chain A -> B -> C -> A is a cycle")

    def test_linked_to_itself(self):
        self.error(cpu("RESOURCE A { RESOURCEPROPERTY = LINKED { LINKEDRESOURCE = A; }; };"), 3,
                   r"LINKEDRESOURCE chain A -> A is a cycle")

    def test_standard_takes_no_block(self):
        self.error(cpu("RESOURCE R {\n RESOURCEPROPERTY = STANDARD { LINKEDRESOURCE = Q; };\n};"),
                   4, r"RESOURCEPROPERTY = STANDARD: unknown attribute LINKEDRESOURCE")

    def test_divider_without_system_counter(self):
        self.error(cpu("COUNTER D {\n MAXALLOWEDVALUE = 9;\n DIVIDER = 4;\n};"), 5,
                   r"COUNTER D: DIVIDER = 4 divides the system counter's tick, but no COUNTER "
                   r"is the system counter")

    def test_divider_on_system_counter(self):
        self.error(cpu("COUNTER SystemTimer {\n MAXALLOWEDVALUE = 9;\n DIVIDER = 4;\n};"), 5,
                   r"COUNTER SystemTimer: DIVIDER: the system counter itself ticks")

    def test_divider_zero(self):
        self.error(cpu("COUNTER SystemTimer { MAXALLOWEDVALUE = 9; };\nCOUNTER D {\n"
                       " MAXALLOWEDVALUE = 9;\n DIVIDER = 0;\n};"), 6,
                   r"COUNTER D: DIVIDER = 0 is outside 1\.\.4294967295")

    def test_isr_internal_resource(self):
        self.error(cpu("RESOURCE R { RESOURCEPROPERTY = INTERNAL; };\nISR I { CATEGORY = 2; "
                       "PRIORITY = 1; SOURCE = SGI1; RESOURCE = R; };"), 4,
                   r"ISR I: an internal resource cannot be used by an ISR")

    def test_isr_res_scheduler(self):
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 1; SOURCE = SGI1; "
                       "RESOURCE = RES_SCHEDULER; };"), 3, r"RES_SCHEDULER is for tasks only")

    def test_cat1_resource(self):
        self.error(cpu("RESOURCE R {};\nISR I { CATEGORY = 1; PRIORITY = 1; SOURCE = SGI1; "
                       "RESOURCE = R; };"), 4, r"a category 1 ISR cannot take resources")

    def test_bad_source(self):
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 1; SOURCE = SGI16; };"), 3,
                   r"SOURCE must be SGI0\.\.SGI15")
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 1; SOURCE = 3; };"), 3,
                   r"SOURCE = 3: a PPI or SPI INTID is 16\.\.1019")

    def test_isr_priority_range(self):
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 32; SOURCE = SGI1; };"), 3,
                   r"PRIORITY = 32 is outside 1\.\.31")

    def test_extended_shared_stack(self):
        self.error(cpu("EVENT E { MASK = 1; };\nTASK T { PRIORITY = 1; EVENT = E;\n"
                       " STACK = SHARED; };"), 5,
                   r"an extended task \(it has EVENTs\) needs STACK = PRIVATE")

    def test_counter_limits(self):
        self.error(cpu("COUNTER C { MAXALLOWEDVALUE = 0xFFFFFFFF; };"), 3,
                   r"MAXALLOWEDVALUE = 4294967295 is outside 1\.\.4294967294")
        self.error(cpu("COUNTER C { MAXALLOWEDVALUE = 10; MINCYCLE = 11; };"), 3,
                   r"MINCYCLE = 11 is outside 1\.\.10")

    def test_no_os(self):
        self.error("CPU c {\n TASK T { PRIORITY = 1; };\n};", 2, r"no OS object")

    def test_callback_name(self):
        self.error(cpu("COUNTER C { MAXALLOWEDVALUE = 9; };\nALARM A { COUNTER = C; "
                       "ACTION = ALARMCALLBACK { ALARMCALLBACKNAME = \"a b\"; }; };"), 4,
                   r"ALARMCALLBACKNAME must be a C name in quotes")


class LayoutErrors(OilCase):
    def test_status_mismatch(self):
        e = self.error("CPU c {\n OS os {\n  STATUS = STANDARD;\n };\n};", 3,
                       r"OS os: STATUS = STANDARD, but the build is configured for "
                       r"extended status \(CONFIG_OS_STATUS_EXTENDED\)")
        self.assertIn("CONFIG_OS_STATUS_STANDARD=y", e.message)

    def test_kernel_type_mismatch(self):
        self.error("CPU c {\n OS os { KERNEL_TYPE = BCC1; };\n};", 2,
                   r"KERNEL_TYPE = BCC1, but the build is configured for ECC2")

    def test_event_in_basic_class(self):
        self.error(cpu("EVENT E { MASK = AUTO; };\nTASK T {\n PRIORITY = 1;\n EVENT = E;\n};"),
                   6, r"TASK T: EVENT E makes it an extended task, which needs conformance "
                      r"class ECC1 or ECC2, but the build is configured for BCC2 "
                      r"\(CONFIG_OS_CLASS_BCC2\)", klass="BCC2")

    def test_activation_in_class_1(self):
        for klass in ("BCC1", "ECC1"):
            self.error(cpu("TASK T {\n PRIORITY = 1;\n ACTIVATION = 2;\n};"), 5,
                       r"TASK T: ACTIVATION = 2 needs conformance class BCC2 or ECC2, but the "
                       rf"build is configured for {klass}", klass=klass)

    def test_shared_priority_in_class_1(self):
        self.error(cpu("TASK T { PRIORITY = 4; };\nTASK U {\n PRIORITY = 4;\n};"), 5,
                   r"TASK U: PRIORITY = 4 is also TASK T's \(line 3\); several tasks per "
                   r"priority needs conformance class BCC2 or ECC2", klass="BCC1")

    def test_extended_multiple_activation(self):
        self.error(cpu("EVENT E { MASK = AUTO; };\nTASK T { PRIORITY = 1; EVENT = E;\n"
                       " ACTIVATION = 2; };"), 5,
                   r"an extended task \(it has EVENTs\) is activated once")

    def test_two_internal_resources(self):
        self.error(cpu("RESOURCE A { RESOURCEPROPERTY = INTERNAL; };\n"
                       "RESOURCE B { RESOURCEPROPERTY = INTERNAL; };\n"
                       "TASK T { PRIORITY = 1; RESOURCE = A;\n RESOURCE = B; };"), 6,
                   r"TASK T: a second internal resource \(B, after A\)")

    def test_cat1_below_cat2(self):
        self.error(cpu("ISR I1 { CATEGORY = 1; PRIORITY = 3; SOURCE = SGI1; };\n"
                       "ISR I2 { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI2; };"), 3,
                   r"ISR I1: a category 1 ISR needs a PRIORITY above every category 2 ISR "
                   r"\(ISR I2 has 3\)")

    def test_cat1_below_system_timer(self):
        self.error(cpu("COUNTER SystemTimer { MAXALLOWEDVALUE = 9; };\n"
                       "ISR I1 { CATEGORY = 1; PRIORITY = 15; SOURCE = SGI1; };"), 4,
                   r"ISR I1: a category 1 ISR must be above the system timer's interrupt "
                   r"\(ARM_VTIMER_IRQ_PRIORITY = 128, OIL priority 15 or less\); give it "
                   r"PRIORITY 16 or more",
                   extra={"CONFIG_ARM_VTIMER_IRQ_PRIORITY": "128"})

    # The Xen event upcall is an ISR2 like any other (include/erika/xen/events.h).
    UPCALL = ('ISR XenEvents { CATEGORY = 2; PRIORITY = 11; SOURCE = "xen_hypervisor";\n'
              ' HANDLER = "evtchn_upcall_isr"; };')

    def test_cat1_below_event_upcall(self):
        self.error(cpu(self.UPCALL + "\nISR I1 { CATEGORY = 1; PRIORITY = 11; SOURCE = SGI1; };"),
                   5, r"ISR I1: a category 1 ISR needs a PRIORITY above every category 2 ISR "
                      r"\(ISR XenEvents has 11\)", extra={"CONFIG_XEN_EVENTS": "y"})

    def test_upcall_without_event_driver(self):
        self.error(cpu(self.UPCALL), 4,
                   r"ISR XenEvents: HANDLER evtchn_upcall_isr is the Xen event driver's, and "
                   r"the build has no event driver \(CONFIG_XEN_EVENTS is not set\)")

    def test_two_upcalls(self):
        self.error(cpu(self.UPCALL + '\nISR Again { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI1;'
                       ' HANDLER = "evtchn_upcall_isr"; };'), 5,
                   r"ISR Again: ISR XenEvents runs the Xen event upcall already",
                   extra={"CONFIG_XEN_EVENTS": "y"})

    def test_handler_not_a_name(self):
        self.error(cpu('ISR I { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI1;\n HANDLER = "a b"; };'),
                   4, r"ISR I: HANDLER must be a C function name in quotes")

    def test_handler_category_1(self):
        self.error(cpu('ISR I { CATEGORY = 1; PRIORITY = 3; SOURCE = SGI1;\n HANDLER = "f"; };'),
                   4, r"ISR I: HANDLER: a driver's handler runs as a category 2 ISR only")

    def test_nested_isr_stack(self):
        # Three levels (two ISRs, the timer) of 1000 + 96, 500 + 96, 256 + 96 > 2048.
        self.error(cpu("COUNTER SystemTimer { MAXALLOWEDVALUE = 9; };\n"
                       "ISR A { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI1; STACKSIZE = 1000; };\n"
                       "ISR B { CATEGORY = 2; PRIORITY = 5; SOURCE = SGI2; STACKSIZE = 500; };"),
                   5, r"ISR B: nested interrupts need 2044 bytes",
                   extra={"CONFIG_ARM_VTIMER_IRQ_PRIORITY": "128",
                          "CONFIG_OS_ISR_STACK_SIZE": "2000"})

    def test_same_source(self):
        self.error(cpu("ISR I { CATEGORY = 2; PRIORITY = 3; SOURCE = SGI1; };\n"
                       "ISR J { CATEGORY = 2; PRIORITY = 4;\n SOURCE = SGI1; };"), 5,
                   r"ISR J: SOURCE is also ISR I's")

    def test_timer_source(self):
        self.error(cpu("COUNTER SystemTimer { MAXALLOWEDVALUE = 9; };\n"
                       "ISR I { CATEGORY = 2; PRIORITY = 3; SOURCE = 27; };"), 4,
                   r"INTID 27 is the virtual timer of the system counter")

    def test_too_many_levels(self):
        tasks = "\n".join(f"TASK T{i} {{ PRIORITY = {i}; }};" for i in range(32))
        self.error(cpu(tasks), 34, r"32 different task priorities; at most 31")

    def test_two_system_counters(self):
        self.error(cpu("COUNTER SystemTimer { MAXALLOWEDVALUE = 9; };\n"
                       "COUNTER Other { MAXALLOWEDVALUE = 9; SYSTEM_TIMER = TRUE; };"), 4,
                   r"COUNTER Other: a second system counter")

    def test_alarmtime_above_max(self):
        self.error(cpu("TASK T { PRIORITY = 1; };\nCOUNTER C { MAXALLOWEDVALUE = 9; };\n"
                       "ALARM A { COUNTER = C; ACTION = ACTIVATETASK { TASK = T; };\n"
                       " AUTOSTART = TRUE {\n  ALARMTIME = 10; }; };"), 7,
                   r"ALARM A: ALARMTIME = 10 is above COUNTER C's MAXALLOWEDVALUE 9")

    def test_cycletime_below_mincycle(self):
        self.error(cpu("TASK T { PRIORITY = 1; };\nCOUNTER C { MAXALLOWEDVALUE = 9; "
                       "MINCYCLE = 3; };\nALARM A { COUNTER = C; ACTION = ACTIVATETASK "
                       "{ TASK = T; };\n AUTOSTART = TRUE { ALARMTIME = 1;\n CYCLETIME = 2; }; };"),
                   7, r"CYCLETIME = 2 is outside COUNTER C's MINCYCLE\.\.MAXALLOWEDVALUE "
                      r"\(3\.\.9\)")

    def test_mask_overlap(self):
        self.error(cpu("TASK T { PRIORITY = 1; EVENT = E; EVENT = F; };\n"
                       "EVENT E { MASK = 3; };\nEVENT F {\n MASK = 2; };"), 6,
                   r"EVENT F: MASK 0x2 overlaps another event of TASK T")

    def test_masks_exhausted(self):
        events = "\n".join(f"EVENT E{i} {{ MASK = AUTO; }};" for i in range(33))
        refs = " ".join(f"EVENT = E{i};" for i in range(33))
        self.error(cpu(f"TASK T {{ PRIORITY = 1; {refs} }};\n{events}"), 36,
                   r"EVENT E32: MASK = AUTO finds no free bit")


if __name__ == "__main__":
    unittest.main()
