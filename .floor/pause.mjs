import WebSocket from 'ws';
const list = await (await fetch('http://127.0.0.1:9339/json/list')).json();
const ws = new WebSocket(list[0].webSocketDebuggerUrl);
let id = 0; const pending = new Map();
const send = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
ws.on('message', async (m) => {
  const msg = JSON.parse(m);
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
  if (msg.method === 'Debugger.paused') {
    for (const f of msg.params.callFrames.slice(0, 25)) console.log(f.functionName || '(anon)', f.url.split('/').slice(-2).join('/'), f.location.lineNumber + 1);
    // evaluate some locals in the test frame
    const top = msg.params.callFrames.find((f) => f.functionName === 'referenceRule'); console.log(msg.params.callFrames.map(f => f.url).join(' '));
    if (top) {
      for (const expr of ['key', 'JSON.stringify(context)', 'JSON.stringify(targeting?.logic ?? targeting).slice(0,3000)', 'Object.keys(targeting)']) {
        const r = await send('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: String(expr) });
        console.log(expr, '=', r?.result?.value ?? r?.result?.description);
      }
    }
    process.exit(0);
  }
});
ws.on('open', async () => { await send('Debugger.enable'); await send('Debugger.pause'); });
