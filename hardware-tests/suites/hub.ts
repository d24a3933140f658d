/**
 * The hub link. On site: `reach`, a WebSocket connect and the hello/challenge exchange
 * (hub-probe.ts; nothing is authenticated, so a controller running meanwhile keeps its session),
 * and `key`, the device key in `keyFile` loadable, its public key shown to compare with the one
 * registered at the hub. Remotely the RunSelfTest command itself came over the authenticated link: both
 * pass, with the round trip of the last handshake.
 *
 * An unreachable hub (refused, no route, no answer) fails `reach`, unless `selfTest.hub` is
 * `skip-when-unreachable` (a bench): then both steps are skipped with the reason. A hub that
 * answers wrongly (TLS, another protocol, a wrong path) always fails.
 */
import { readFile } from 'node:fs/promises';
import { fail, pass, skip, type Outcome, type SuiteContext, type Target } from '../context.js';
import { loadPrivateKey, publicKeyOf } from '../../protocol/auth.js';
import { probeHubLink } from '../hub-probe.js';
import { formatMs } from '../wait.js';

export const HUB_TARGET: Target = { suite: 'hub', component: 'hub', pointId: 'controller', category: 'other' };

export async function readCaPem(ctx: SuiteContext): Promise<string | undefined> {
  return ctx.config.hub.caFile === undefined ? undefined : readFile(ctx.config.hub.caFile, 'utf8');
}

export async function hubSuite(ctx: SuiteContext): Promise<void> {
  const url = ctx.config.hub.url;
  if (ctx.live) {
    const live = ctx.live;
    await ctx.step.run(HUB_TARGET, 'reach', async () => {
      if (!live.isOnline()) return skip('the link to the hub dropped during the run (the results wait in the journal)');
      const seen = live.lastClockObservation();
      return pass(seen ? `handshake round trip ${formatMs(2 * seen.uncertaintyMs)} at the last welcome` : 'online', `online to ${url}: this self-test was asked for over the link`);
    });
    ctx.step.record(HUB_TARGET, 'key', pass('accepted', 'the hub authenticated this device at the last welcome'));
    return;
  }
  let unreachable = '';
  await ctx.step.run(HUB_TARGET, 'reach', async () => {
    let caPem: string | undefined;
    try {
      caPem = await readCaPem(ctx);
    } catch (err) {
      return fail({ detail: `cannot read hub.caFile: ${(err as Error).message}`, code: 'hub_ca_missing', cause: 'the CA file named in the config is missing', remedy: "copy the hub's CA certificate to the device and name it in hub.caFile" });
    }
    const probe = await probeHubLink({ url, deviceId: ctx.config.deviceId, timeoutMs: ctx.settings.hubTimeoutMs, ...(caPem === undefined ? {} : { caPem }) });
    if (probe.ok) return pass(`connect ${formatMs(probe.connectMs)}, hello to challenge ${formatMs(probe.roundTripMs)}`, `the hub at ${url} answered hello with a challenge (WebSocket, not authenticated)`);
    if (!probe.reached && ctx.settings.hub === 'skip-when-unreachable') {
      unreachable = `${probe.code}: ${probe.message}`;
      return skip(`hub not reachable at ${url} (${unreachable}); selfTest.hub is skip-when-unreachable`);
    }
    return linkFailure(url, probe.code, probe.message, probe.reached);
  });
  if (unreachable) {
    ctx.step.record(HUB_TARGET, 'key', skip('the hub is not reachable and selfTest.hub is skip-when-unreachable: the key only serves at the hub'));
    return;
  }
  await ctx.step.run(HUB_TARGET, 'key', async () => {
    let pem: string;
    try {
      pem = await readFile(ctx.config.keyFile, 'utf8');
    } catch (err) {
      return fail({ category: 'permissions', detail: `no device key: ${(err as Error).message}`, code: 'hub_no_key', cause: 'the device was never enrolled, or keyFile points elsewhere', remedy: `enroll it: 'onecard admin device enroll' at the hub, then 'onecard controller enroll --key ${ctx.config.keyFile}' here` });
    }
    try {
      loadPrivateKey(pem);
      return pass('ed25519', `public key ${publicKeyOf(pem)}: the hub must hold this key for ${ctx.config.deviceId} (the one enrolled or registered)`);
    } catch (err) {
      return fail({ category: 'permissions', detail: `the device key in ${ctx.config.keyFile} is unusable: ${(err as Error).message}`, code: 'hub_key_unusable', cause: 'the file is damaged or is not an Ed25519 private key', remedy: 're-enroll the device (a new key): onecard admin device enroll, then onecard controller enroll' });
    }
  });
}

function linkFailure(url: string, code: string, message: string, reached: boolean): Outcome {
  const detail = `${url}: ${code}: ${message}`;
  if (!reached) {
    return fail({ figure: code, detail: `hub not reachable: ${detail}`, code: code === 'ECONNREFUSED' ? 'hub_refused' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'hub_dns' : 'hub_unreachable', cause: code === 'ECONNREFUSED' ? 'nothing listens there: the hub is down, or the port in hub.url is wrong' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the hub\'s name does not resolve: DNS, or a typo in hub.url' : 'no route or no answer: the network, a firewall, or the hub is down', remedy: 'check hub.url, the network cable and the hub; ping the hub from here' });
  }
  if (code === 'unsupported_protocol') return fail({ figure: code, detail, code: 'hub_protocol_version', cause: 'the hub speaks another protocol version', remedy: 'upgrade the controller or the hub so both run the same release' });
  if (/CERT|SSL|TLS|SELF_SIGNED|ALTNAME/.test(code)) return fail({ figure: code, detail, code: 'hub_tls_untrusted', cause: "the hub's certificate is not trusted by this device, or names another host", remedy: "set hub.caFile to the CA (or the hub's self-signed certificate); check the host name in hub.url" });
  return fail({ figure: code, detail, code: 'hub_wrong_endpoint', cause: 'something answered that is not a onecard hub device endpoint: a wrong path or port in hub.url, or a proxy', remedy: 'check hub.url (it ends in /v1/device)' });
}
