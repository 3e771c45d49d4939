import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { parseMimeType } from '../pipeline/index.js';
import { createFileControl, parsePolicyText, uploadRefusal } from '../files/index.js';
import { UsageError } from './config.js';
import { parseSessionContext, policyProtectors } from './file-control-options.js';

interface FileCliOptions {
  policy?: string;
  context?: string;
  name?: string;
  contentType?: string;
  activity?: string;
  output?: string;
  recipientKey?: string[];
}

/**
 * `spr file`: one file through the policy, as the proxy would treat it. The decision goes
 * to stdout as JSON; `-o OUT` receives exactly what the user would get (the file, the
 * blocked notice, the protected file, or for a refused upload the refusal page).
 */
export function registerFile(program: Command): void {
  program
    .command('file')
    .description('classify one file by a policy: the decision as JSON on stdout, what the user gets in OUT')
    .argument('<file>', 'the file')
    .requiredOption('--policy <file>', 'the policy (JSON)')
    .option('--context <json>', 'the session: {"user","groups","device","ip","location","userAgent"}')
    .option('--name <name>', 'the file name the app gives (default: the file\'s own)')
    .option('--content-type <type>', 'the declared Content-Type')
    .option('--activity <activity>', 'download (default) or upload')
    .option('--recipient-key <file>', 'an armored OpenPGP public key for the openpgp protector (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-o, --output <file>', 'write what the user would receive here')
    .action(async (file: string, opts: FileCliOptions) => {
      const activity = opts.activity ?? 'download';
      if (activity !== 'download' && activity !== 'upload') throw new UsageError('--activity must be download or upload');
      const session = parseSessionContext(opts.context);
      const declaredType = parseContentType(opts.contentType);
      const policyPath = opts.policy as string;
      const policy = parsePolicyText(await readText(policyPath), policyPath);
      const { protectors, defaultProtector } = await policyProtectors(policy, opts.recipientKey, 'spr file');
      const control = createFileControl({ policy, protectors, defaultProtector });
      const size = (await stat(file)).size;
      const name = opts.name ?? basename(file);
      const outcome = await control.file({ body: createReadStream(file), name, activity, declaredType, size, session });
      const { delivery, event } = outcome;
      const decision = {
        action: outcome.action,
        rule: event.rule,
        labels: event.labels,
        reason: event.reason,
        protector: event.protector,
        name: event.fileName,
        deliveredName: event.deliveredName,
        declaredType: event.declaredType,
        sniffedType: event.sniffedType,
        size: event.size,
      };
      let body: Readable;
      if (delivery.kind === 'blocked' && activity === 'upload') body = Readable.from([uploadRefusal({ accept: 'text/html', fileName: name, message: outcome.decision.message }).body]);
      else if (delivery.kind === 'blocked') body = Readable.from([delivery.body]);
      else body = delivery.body;
      if (opts.output === undefined) body.destroy();
      else await pipeline(body, createWriteStream(opts.output));
      process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
    });
}

/** The declared type as a proxy reads a Content-Type header: its essence (`text/csv; charset=utf-8` is `text/csv`). */
function parseContentType(text: string | undefined): string | null {
  if (text === undefined) return null;
  const essence = parseMimeType(text)?.essence;
  if (essence === undefined) throw new UsageError(`--content-type ${JSON.stringify(text)} is not a MIME type (type/subtype)`);
  return essence;
}

async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
