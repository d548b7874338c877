// The Python half of a control session (python-controls.ts): one python3 process per experiment
// that imports the control modules once (so they keep their state between hooks, as under `chaos
// run`) and calls their hooks with chaoslib's arguments (chaoslib/control/python.py). Requests
// arrive as JSON lines on fd 3, answers leave on fd 4: stdin is not ours, and what a control
// prints on stdout or stderr cannot be mistaken for an answer.
export const CONTROL_SCRIPT = String.raw`
import datetime, decimal, importlib, inspect, json, os, sys, traceback, uuid
requests = os.fdopen(3, "r", encoding="utf-8")
answers = os.fdopen(4, "w", encoding="utf-8")
run = {}
def encode(o):
    if isinstance(o, (datetime.datetime, datetime.date)): return o.isoformat()
    if isinstance(o, (uuid.UUID, decimal.Decimal)): return str(o)
    if isinstance(o, bytes): return o.decode("utf-8", "replace")
    if isinstance(o, (set, tuple)): return list(o)
    return repr(o)
def failure(x):
    return traceback.format_exception_only(type(x), x)[-1].strip()
def interrupts(x):
    return any(c.__name__ == "InterruptExecution" for c in type(x).__mro__)
def module(control):
    try:
        return importlib.import_module(control["module"])
    except ImportError:
        return None
def hook(control, name):
    mod = module(control)
    return getattr(mod, name, None) if mod is not None else None
def error(errors, control, name, kind, message):
    errors.append({"control": control["name"], "hook": name, "kind": kind, "error": message})
def start(req, errors):
    run.update(experiment=req["experiment"], configuration=req["configuration"], secrets=req["secrets"], settings=req["settings"])
    failed = []
    for i, control in enumerate(req["controls"]):
        if module(control) is None:
            failed.append(i)
            error(errors, control, "configure_control", "error", "cannot import module %s" % control["module"])
            continue
        func = hook(control, "configure_control")
        if not func:
            continue
        args = dict(control.get("arguments") or {})
        params = inspect.signature(func).parameters
        for key in ("experiment", "secrets", "configuration"):
            if key in params: args[key] = run[key]
        # chaoslib hands the settings to the global controls' configure_control only.
        if "settings" in params: args["settings"] = run["settings"] if control.get("global") else None
        if "event_registry" in params: args["event_registry"] = None
        try:
            func(**args)
        except Exception as x:
            failed.append(i)
            error(errors, control, "configure_control", "error", failure(x))
    return {"failed": failed}
def apply(req, errors):
    name = req["hook"]
    for control in req["controls"]:
        func = hook(control, name)
        if not func:
            continue
        args = dict(control.get("arguments") or {})
        params = inspect.signature(func).parameters
        for key in ("secrets", "configuration"):
            if key in params: args[key] = run[key]
        if "state" in params: args["state"] = req.get("state")
        if "experiment" in params: args["experiment"] = run["experiment"]
        if "extensions" in params: args["extensions"] = run["experiment"].get("extensions")
        if "settings" in params: args["settings"] = run["settings"]
        try:
            func(context=req["context"], **args)
        except Exception as x:
            if interrupts(x):
                error(errors, control, name, "interrupt", failure(x))
                return {"interrupt": str(x)}
            error(errors, control, name, "error", failure(x))
    return {}
def cleanup(req, errors):
    for control in req["controls"]:
        func = hook(control, "cleanup_control")
        if not func:
            continue
        try:
            func()
        except Exception as x:
            error(errors, control, "cleanup_control", "error", failure(x))
    return {}
OPS = {"start": start, "apply": apply, "cleanup": cleanup}
while True:
    try:
        line = requests.readline()
    except KeyboardInterrupt:
        continue
    if not line:
        break
    req = json.loads(line)
    errors = []
    try:
        out = OPS[req["op"]](req, errors)
    except BaseException as x:
        # The run's interruption (KeyboardInterrupt) or a control that exits: this request ends here.
        errors.append({"control": "", "hook": req.get("hook", req["op"]), "kind": "error", "error": failure(x) or type(x).__name__})
        out = {}
    out["errors"] = errors
    try:
        answers.write(json.dumps(out, default=encode) + "\n")
        answers.flush()
    except KeyboardInterrupt:
        pass
    if req["op"] == "cleanup":
        break
`;
