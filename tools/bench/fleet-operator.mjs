// The operator of the fleet benchmark (tools/bench/fleet.mjs), in its own process as a browser is:
// one MQTT connection with its own certificate and least-privilege policy. Driven over the IPC
// channel of `fork()`:
//   { type: 'connect', options }                    → { type: 'connected' }
//   { type: 'roundTrip', things, commands, gapMs }  → { type: 'roundTrip', ackMs, statusMs, rejected }
//   { type: 'awaitHeartbeat', thing }               → { type: 'heartbeat' } (a live one, not retained)
// It publishes `amr/<thing>/cmd/call` to robots picked at random and times the `accepted` or
// `rejected` acknowledgement and the status that names the call as its mission (mission id =
// request id), whichever order they come in.
import mqtt from 'mqtt';

let client;
const pending = new Map();
const ackMs = [];
const statusMs = [];
let rejected = 0;
let awaitedThing;

function onMessage(topic, payload, packet) {
  const thing = topic.split('/')[1];
  if (topic.endsWith('/ack')) {
    const { requestId, status } = JSON.parse(payload.toString());
    const sent = pending.get(requestId);
    if (
      sent !== undefined &&
      sent.ackAt === undefined &&
      (status === 'accepted' || status === 'rejected')
    ) {
      sent.ackAt = performance.now();
      ackMs.push(sent.ackAt - sent.at);
      if (status === 'rejected') rejected++;
    }
  } else if (topic.endsWith('/status')) {
    const { mission } = JSON.parse(payload.toString());
    const sent = typeof mission === 'string' ? pending.get(mission) : undefined;
    if (sent !== undefined && sent.thing === thing && sent.statusAt === undefined) {
      sent.statusAt = performance.now();
      statusMs.push(sent.statusAt - sent.at);
    }
  } else if (!packet.retain && thing === awaitedThing) {
    // A retained heartbeat comes with the subscription (the packet's retain flag): only live ones.
    awaitedThing = undefined;
    process.send({ type: 'heartbeat' });
  }
}

async function roundTrip({ things, commands, gapMs }) {
  const stations = ['station-a', 'station-b', 'station-c', 'charger'];
  for (let i = 0; i < commands; i++) {
    const thing = things[Math.floor(Math.random() * things.length)];
    const requestId = `bench-${i}`;
    pending.set(requestId, { thing, at: performance.now() });
    client.publish(
      `amr/${thing}/cmd/call`,
      JSON.stringify({ requestId, issuedAt: Date.now(), args: { station: stations[i % 4] } }),
      { qos: 1 },
    );
    await new Promise((r) => setTimeout(r, gapMs));
  }
  // Late answers still count; a call never answered within 2 s is reported as missing.
  await new Promise((r) => setTimeout(r, 2000));
  process.send({ type: 'roundTrip', ackMs, statusMs, rejected });
}

process.on('message', async (message) => {
  switch (message.type) {
    case 'connect':
      client = await mqtt.connectAsync({ ...message.options, writeCache: false });
      // Small latency-bound packets go out at once, as the daemon's do.
      client.stream.setNoDelay(true);
      client.on('message', onMessage);
      await client.subscribeAsync(['amr/+/cmd/call/ack', 'amr/+/status'], { qos: 1 });
      process.send({ type: 'connected' });
      break;
    case 'roundTrip':
      await roundTrip(message);
      break;
    case 'awaitHeartbeat':
      awaitedThing = message.thing;
      await client.subscribeAsync('amr/+/heartbeat', { qos: 1 });
      break;
    case 'end':
      await client?.endAsync();
      process.exit(0);
  }
});
