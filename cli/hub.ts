import { Hub } from '../hub/hub.js';
import { StreamLogger } from '../lib/log.js';
import { hostPort, parse } from './args.js';
import { untilSignal } from './signals.js';

const USAGE = `usage: onecard hub [--db sqlite:PATH] [--listen HOST:PORT] [--verbose]

  --db      hub database (default sqlite:./data/hub.sqlite)
  --listen  address of the operator API and device gateway (default 127.0.0.1:8780; loopback only
            until operator authentication exists)
  --verbose log debug records too`;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { db: { type: 'string' }, listen: { type: 'string' }, verbose: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { host, port } = hostPort(values.listen ?? '127.0.0.1:8780', 'listen');
  const hub = new Hub({ dbUrl: values.db ?? 'sqlite:./data/hub.sqlite', host, port, logger: new StreamLogger(values.verbose ? 'debug' : 'info') });
  await hub.start();
  console.log(`onecard hub: API ${hub.url}/api, devices ${hub.deviceUrl}. Ctrl-C stops.`);
  await untilSignal();
  await hub.stop();
  return 0;
}
