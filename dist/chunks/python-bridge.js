const{spawn:spawn}=process.getBuiltinModule("node:child_process");import{a as substitute,A as ActivityFailed,f as parseJson,J as JsonSyntaxError,H as HeadTail,d as DEFAULT_LIMITS}from"./settings.js";import"./safe-text.js";const SCRIPT=String.raw`
import datetime, decimal, importlib, inspect, json, sys, traceback, uuid
req = json.load(sys.stdin)
def encode(o):
    if isinstance(o, (datetime.datetime, datetime.date)): return o.isoformat()
    if isinstance(o, (uuid.UUID, decimal.Decimal)): return str(o)
    if isinstance(o, bytes): return o.decode("utf-8", "replace")
    if isinstance(o, (set, tuple)): return list(o)
    if isinstance(o, Exception): return "An exception was raised: %s('%s')" % (type(o).__name__, o)
    return repr(o)
try:
    func = getattr(importlib.import_module(req["module"]), req["func"])
    args = dict(req["arguments"] or {})
    params = inspect.signature(func).parameters
    if "configuration" in params: args["configuration"] = req["configuration"]
    if "secrets" in params: args["secrets"] = req["secrets"]
    result = func(**args)
    out = {"ok": True, "result": result}
except Exception as x:
    out = {"ok": False, "error": traceback.format_exception_only(type(x), x)[-1].strip()}
sys.stdout.write("\n@@chaos-action-result@@" + json.dumps(out, default=encode))
`,MARKER="\n@@chaos-action-result@@";function pythonBridge(options){return async(provider,ctx)=>{const args=ctx.hasVariables?substitute(provider.arguments??{},ctx.scope):provider.arguments??{},scopes=Array.isArray(provider.secrets)?provider.secrets:[],secrets={};for(const s of scopes)Object.assign(secrets,ctx.secrets[String(s)]??{});const request=JSON.stringify({module:provider.module,func:provider.func,arguments:args,configuration:ctx.configuration,secrets:secrets}),{stdout:stdout,stderr:stderr,code:code}=await function(python,input,ctx){return new Promise((resolve,reject)=>{if(ctx.signal.aborted){const e=new Error("the python activity was interrupted before it started");return e.name="AbortError",void reject(e)}const child=spawn(python,["-c",SCRIPT],{env:ctx.env,cwd:ctx.cwd,stdio:["pipe","pipe","pipe"],detached:!0}),stdout=new HeadTail(maxOutput(ctx)),stderr=new HeadTail(maxOutput(ctx)),abort=()=>{try{child.pid&&process.kill(-child.pid,"SIGKILL")}catch{}};ctx.signal.addEventListener("abort",abort,{once:!0}),child.stdout.on("data",d=>stdout.push(d)),child.stderr.on("data",d=>stderr.push(d)),child.on("error",e=>{ctx.signal.removeEventListener("abort",abort),reject(new ActivityFailed(`cannot start ${python}: ${e.message}`))}),child.on("close",code=>{if(ctx.signal.removeEventListener("abort",abort),ctx.signal.aborted){const e=new Error("the python activity was interrupted");e.name="AbortError",reject(e)}else resolve({stdout:text(stdout,"stdout"),stderr:text(stderr,"stderr"),code:code})}),child.stdin.on("error",()=>{}),child.stdin.end(input)})}(options.python,request,ctx),at=stdout.lastIndexOf(MARKER);if(at<0)throw new ActivityFailed(`python3 ended (${code}) without a result: ${stderr.trim().split("\n").at(-1)??""}`);if(stdout.indexOf("[chaos-action truncated:",at)>=0)throw new ActivityFailed(`the python function's result is larger than max-output (${maxOutput(ctx)} bytes)`);let answer;try{answer=parseJson(stdout.slice(at+24)).value}catch(e){if(e instanceof JsonSyntaxError)throw new ActivityFailed(`the python function's result cannot be read: ${e.message}`);throw e}if(!answer.ok)throw new ActivityFailed(answer.error??"the python function failed");return answer.result??null}}const maxOutput=ctx=>(ctx.limits??DEFAULT_LIMITS).maxOutputBytes,text=(output,what)=>output.text(bytes=>bytes.toString("utf8"),what,"max-output");export{pythonBridge};
