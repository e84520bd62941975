"""One class per OIL object kind: its attributes read through an Attrs
(attrs.py), with the defaults and the checks that need only the object.
"""
import re

C_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
U32_MAX = 0xFFFFFFFF


class Obj:
    def __init__(self, o):
        self.name = o.name
        self.loc = o.loc

    def read_cpu_id(self, a):
        """CPU_ID = n (default 0): the core of a TASK, ISR or COUNTER,
        checked against CONFIG_OS_NUM_CORES by cores.py."""
        c = a.one("CPU_ID", None)
        self.cpu_id = a.integer(c, 0, U32_MAX) if c else 0
        self.cpu_id_loc = c.loc if c else self.loc


class Os(Obj):
    HOOKS = ("STARTUPHOOK", "SHUTDOWNHOOK", "ERRORHOOK", "PRETASKHOOK", "POSTTASKHOOK")

    def __init__(self, o, a):
        super().__init__(o)
        st = a.one("STATUS", None)
        self.status = a.word(st, ("STANDARD", "EXTENDED")) if st else None
        self.status_loc = st.loc if st else o.loc
        kt = a.one("KERNEL_TYPE", None)
        self.kernel_type = a.word(kt, ("BCC1", "BCC2", "ECC1", "ECC2")) if kt else None
        self.kernel_type_loc = kt.loc if kt else o.loc
        self.hooks = {h: a.boolean(h) for h in self.HOOKS}
        self.use_service_id = a.boolean("USEGETSERVICEID")
        self.use_param_access = a.boolean("USEPARAMETERACCESS")
        a.boolean("USERESSCHEDULER", True)   # RES_SCHEDULER is always there


class AppMode(Obj):
    def __init__(self, o, a):
        super().__init__(o)
        a.boolean("DEFAULT")                # accepted, OSDEFAULTAPPMODE is the default


def autostart_modes(a, attr, what):
    """AUTOSTART = TRUE { APPMODE = m; ... } -> ([(mode, loc)], block reader)."""
    if a.word(attr, ("TRUE", "FALSE")) == "FALSE":
        if attr.value.attrs:
            a.fail(attr.loc, "AUTOSTART = FALSE takes no { } block")
        return None, None
    b = a.block(attr, what)
    modes = [(b.ref(m), m.loc) for m in b.all("APPMODE")]
    return modes or [("OSDEFAULTAPPMODE", attr.loc)], b


class Task(Obj):
    def __init__(self, o, a, default_stack):
        super().__init__(o)
        self.priority = a.integer(a.required("PRIORITY", o.loc), 0, U32_MAX)
        self.priority_loc = a.one("PRIORITY").loc
        act = a.one("ACTIVATION", None)
        self.activation = a.integer(act, 1, 255) if act else 1
        self.activation_loc = act.loc if act else o.loc
        sch = a.one("SCHEDULE", None)
        self.preemptive = (a.word(sch, ("FULL", "NON")) if sch else "FULL") == "FULL"
        self.autostart = []
        at = a.one("AUTOSTART", None)
        if at:
            modes, b = autostart_modes(a, at, "AUTOSTART")
            if b:
                b.finish()
                self.autostart = modes
        self.resources = [(a.ref(r), r.loc) for r in a.all("RESOURCE")]
        self.events = [(a.ref(e), e.loc) for e in a.all("EVENT")]
        self.extended = bool(self.events)
        self.stack_shared, self.stack_size = self.stack(a, default_stack)
        self.read_cpu_id(a)

    def stack(self, a, default):
        st = a.one("STACK", None)
        ss = a.one("STACKSIZE", None)
        self.stack_loc = (st or ss).loc if (st or ss) else self.loc
        if st and ss:
            a.fail(ss.loc, "STACK and STACKSIZE both given")
        if ss:
            return False, a.integer(ss, 64, 1 << 24)
        if not st:
            return not self.extended, default
        kind = a.word(st, ("SHARED", "PRIVATE"))
        b = a.block(st, f"STACK = {kind}")
        size = b.one("SIZE", None) or b.one("SYS_SIZE", None)
        b.finish()
        if kind == "SHARED":
            if self.extended:
                a.fail(st.loc, "an extended task (it has EVENTs) needs STACK = PRIVATE")
            return True, b.integer(size, 64, 1 << 24) if size else default
        return False, b.integer(size, 64, 1 << 24) if size else default


class Isr(Obj):
    DEFAULT_STACK = 128         # bytes of interrupt stack the body needs, unless STACKSIZE

    def __init__(self, o, a):
        super().__init__(o)
        self.category = a.integer(a.required("CATEGORY", o.loc), 1, 2)
        self.priority = a.integer(a.required("PRIORITY", o.loc), 1, 31)
        self.resources = [(a.ref(r), r.loc) for r in a.all("RESOURCE")]
        ss = a.one("STACKSIZE", None)
        self.stack_size = a.integer(ss, 32, 1 << 16) if ss else self.DEFAULT_STACK
        if self.category == 1 and self.resources:
            a.fail(self.resources[0][1], "a category 1 ISR cannot take resources")
        src = a.required("SOURCE", o.loc)
        self.source_loc = src.loc
        self.source = self.parse_source(a, src)
        self.handler, self.handler_loc = self.parse_handler(a)
        self.read_cpu_id(a)

    def parse_handler(self, a):
        """HANDLER = "fn": the body is a driver's void fn(void), not ISR(name)."""
        h = a.one("HANDLER", None)
        if h is None:
            return None, self.loc
        if h.value.kind != "string" or not C_NAME.match(h.value.value):
            a.fail(h.loc, "HANDLER must be a C function name in quotes")
        if self.category != 2:
            a.fail(h.loc, "HANDLER: a driver's handler runs as a category 2 ISR only "
                          "(it may call OS services)")
        return h.value.value, h.loc

    @staticmethod
    def parse_source(a, attr):
        """('sgi'|'intid', n) or ('dt', label, index)."""
        v = attr.value
        if v.kind == "number" and isinstance(v.value, int):
            if not 16 <= v.value <= 1019:
                a.fail(attr.loc, f"SOURCE = {v.value}: a PPI or SPI INTID is 16..1019 "
                                 "(software interrupts: SGI0..SGI15)")
            return ("intid", v.value)
        if v.kind == "name":
            m = re.fullmatch(r"SGI([0-9]+)", v.value)
            if m and int(m.group(1)) <= 15:
                return ("sgi", int(m.group(1)))
        if v.kind == "string":
            m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(?::([0-9]+))?", v.value)
            if m:
                return ("dt", m.group(1), int(m.group(2) or 0))
        a.fail(attr.loc, "SOURCE must be SGI0..SGI15, an INTID, or a devicetree node "
                         "label as \"label\" or \"label:index\"")


class Resource(Obj):
    """STANDARD, INTERNAL, or LINKED { LINKEDRESOURCE = r; }: another name,
    with its own nesting, for r (itself STANDARD or LINKED: chains allowed)."""

    def __init__(self, o, a):
        super().__init__(o)
        p = a.one("RESOURCEPROPERTY", None)
        self.internal = False
        self.linked = self.linked_loc = None
        if p:
            kind = a.word(p, ("STANDARD", "INTERNAL", "LINKED"))
            b = a.block(p, f"RESOURCEPROPERTY = {kind}")
            if kind == "LINKED":
                lr = b.required("LINKEDRESOURCE", p.loc)
                self.linked, self.linked_loc = b.ref(lr), lr.loc
            b.finish()
            self.internal = kind == "INTERNAL"


class Event(Obj):
    def __init__(self, o, a):
        super().__init__(o)
        m = a.required("MASK", o.loc)
        if m.value.kind == "name":
            a.word(m, ("AUTO",))
            self.mask = None
        else:
            self.mask = a.integer(m, 1, U32_MAX)
        self.mask_loc = m.loc


class Counter(Obj):
    def __init__(self, o, a):
        super().__init__(o)
        self.max = a.int_or("MAXALLOWEDVALUE", None, 1, U32_MAX - 1, o.loc)
        self.ticksperbase = a.int_or("TICKSPERBASE", 1, 1, U32_MAX)
        self.mincycle = a.int_or("MINCYCLE", 1, 1, self.max)
        self.system = a.boolean("SYSTEM_TIMER", o.name == "SystemTimer")
        div = a.one("DIVIDER", None)
        self.divider = a.integer(div, 1, U32_MAX) if div else 0
        self.divider_loc = div.loc if div else o.loc
        if self.divider and self.system:
            a.fail(div.loc, "DIVIDER: the system counter itself ticks every system tick")
        a.one("TYPE", None)                 # SOFTWARE/HARDWARE: informative only
        self.read_cpu_id(a)


class Alarm(Obj):
    def __init__(self, o, a):
        super().__init__(o)
        c = a.required("COUNTER", o.loc)
        self.counter, self.counter_loc = a.ref(c), c.loc
        act = a.required("ACTION", o.loc)
        self.action = a.word(act, ("ACTIVATETASK", "SETEVENT", "ALARMCALLBACK"))
        self.action_loc = act.loc
        b = a.block(act, f"ACTION = {self.action}")
        self.task = self.event = self.callback = None
        if self.action in ("ACTIVATETASK", "SETEVENT"):
            t = b.required("TASK", act.loc)
            self.task, self.task_loc = b.ref(t), t.loc
        if self.action == "SETEVENT":
            e = b.required("EVENT", act.loc)
            self.event, self.event_loc = b.ref(e), e.loc
        if self.action == "ALARMCALLBACK":
            cb = b.required("ALARMCALLBACKNAME", act.loc)
            if cb.value.kind != "string" or not C_NAME.match(cb.value.value):
                b.fail(cb.loc, "ALARMCALLBACKNAME must be a C name in quotes")
            self.callback = cb.value.value
        b.finish()
        self.autostart = None
        at = a.one("AUTOSTART", None)
        if at:
            modes, blk = autostart_modes(a, at, "AUTOSTART")
            if blk:
                t = blk.required("ALARMTIME", at.loc)
                self.alarmtime, self.alarmtime_loc = blk.integer(t, 0, U32_MAX), t.loc
                cy = blk.one("CYCLETIME", None)
                self.cycletime = blk.integer(cy, 0, U32_MAX) if cy else 0
                self.cycletime_loc = cy.loc if cy else at.loc
                blk.finish()
                self.autostart = modes
