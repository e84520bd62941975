"""The objects of an OIL file by kind, their names unique, and every name an
object uses declared with the right kind.
"""
from . import OilError
from .attrs import Attrs
from .model import Alarm, AppMode, Counter, Event, Isr, Os, Resource, Task

KINDS = {"OS": Os, "APPMODE": AppMode, "TASK": Task, "ISR": Isr, "RESOURCE": Resource,
         "EVENT": Event, "COUNTER": Counter, "ALARM": Alarm}


def merge_parts(objs):
    """An object may be declared in parts (TASK T { PRIORITY = 2; }; ...
    TASK T { CPU_ID = 1; };), e.g. a shared file #included and a
    configuration's own additions: one object with the parts' attributes, at
    its first part's place. An attribute given in two parts is refused as if
    given twice in one."""
    merged, first = [], {}
    for o in objs:
        prev = first.get((o.kind, o.name))
        if prev is None:
            first[(o.kind, o.name)] = o
            merged.append(o)
        else:
            prev.attrs = prev.attrs + o.attrs
    return merged


class Config:
    """Every object of the OIL file by kind, in file order."""

    def __init__(self, objs, default_stack):
        objs = merge_parts(objs)
        self.os = None
        self.by_kind = {k: {} for k in KINDS}
        names = {}
        for o in objs:
            cls = KINDS.get(o.kind)
            if cls is None:
                raise OilError(o.loc, f"{o.kind} {o.name}: object type not supported "
                                      f"(supported: {', '.join(KINDS)})")
            if o.name in names:
                first = names[o.name]
                raise OilError(o.loc, f"{o.kind} {o.name}: name already used by "
                                      f"{first.kind} {first.name} at line {first.loc.line}"
                                      + ("" if first.loc.path == o.loc.path
                                         else f" of {first.loc.path}"))
            names[o.name] = o
            a = Attrs(f"{o.kind} {o.name}", o.attrs)
            item = cls(o, a, default_stack) if cls is Task else cls(o, a)
            a.finish()
            if cls is Os:
                if self.os is not None:
                    raise OilError(o.loc, f"OS {o.name}: a second OS object "
                                          f"(first: {self.os.name})")
                self.os = item
            self.by_kind[o.kind][o.name] = item
        if self.os is None:
            raise OilError(objs[0].loc if objs else None, "no OS object")

    def __getattr__(self, kind):
        table = {"tasks": "TASK", "isrs": "ISR", "resources": "RESOURCE", "events": "EVENT",
                 "counters": "COUNTER", "alarms": "ALARM", "appmodes": "APPMODE"}
        if kind in table:
            return self.by_kind[table[kind]]
        raise AttributeError(kind)


def refs_check(cfg):
    """Every name an object uses is declared, with the right kind."""
    def need(name, loc, kind, user):
        if name not in cfg.by_kind[kind]:
            raise OilError(loc, f"{user}: {kind} {name} is not declared")
        return cfg.by_kind[kind][name]

    for t in cfg.tasks.values():
        for r, loc in t.resources:
            if r != "RES_SCHEDULER":
                need(r, loc, "RESOURCE", f"TASK {t.name}")
        for e, loc in t.events:
            need(e, loc, "EVENT", f"TASK {t.name}")
        for m, loc in t.autostart:
            if m != "OSDEFAULTAPPMODE":
                need(m, loc, "APPMODE", f"TASK {t.name}")
    for i in cfg.isrs.values():
        for r, loc in i.resources:
            if r == "RES_SCHEDULER":
                raise OilError(loc, f"ISR {i.name}: RES_SCHEDULER is for tasks only")
            res = need(r, loc, "RESOURCE", f"ISR {i.name}")
            if res.internal:
                raise OilError(loc, f"ISR {i.name}: an internal resource cannot be used by an ISR")
    for r in cfg.resources.values():
        if r.linked is not None:
            linked_check(cfg, r, need)
    for al in cfg.alarms.values():
        need(al.counter, al.counter_loc, "COUNTER", f"ALARM {al.name}")
        if al.task is not None:
            need(al.task, al.task_loc, "TASK", f"ALARM {al.name}")
        if al.event is not None:
            need(al.event, al.event_loc, "EVENT", f"ALARM {al.name}")
            if al.event not in [e for e, _ in cfg.tasks[al.task].events]:
                raise OilError(al.event_loc, f"ALARM {al.name}: TASK {al.task} has no "
                                             f"EVENT {al.event}")
        for m, loc in al.autostart or []:
            if m != "OSDEFAULTAPPMODE":
                need(m, loc, "APPMODE", f"ALARM {al.name}")


def linked_check(cfg, r, need):
    """The chain of LINKEDRESOURCEs from r ends at a standard resource."""
    chain = [r.name]
    cur = r
    while cur.linked is not None and cur.linked != "RES_SCHEDULER":
        nxt = need(cur.linked, cur.linked_loc, "RESOURCE", f"RESOURCE {cur.name}")
        if nxt.internal:
            raise OilError(r.linked_loc if cur is r else cur.linked_loc,
                           f"RESOURCE {cur.name}: LINKEDRESOURCE {nxt.name} is an internal "
                           "resource (a linked resource links to a STANDARD or LINKED one)")
        if nxt.name in chain:
            raise OilError(r.linked_loc, f"RESOURCE {r.name}: LINKEDRESOURCE chain "
                                         f"{' -> '.join(chain + [nxt.name])} is a cycle")
        chain.append(nxt.name)
        cur = nxt


def build(objs, default_stack):
    """Typed, reference-checked configuration of a parsed OIL file."""
    cfg = Config(objs, default_stack)
    refs_check(cfg)
    return cfg
