import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers/temp-dirs.js';

// What a user gets from `npm install session-proxy-rewriter` (or from git): the package
// is packed from a copy of the working tree, so `npm pack` runs `prepare` (the build)
// exactly as a publish or a git install does, without touching this tree's dist/. The
// tarball is then installed into a CommonJS project, offline: the npm cache holds the
// dependencies' tarballs but not the registry's metadata, so they are copied in from
// node_modules (the lockfile's versions) and npm only has to place the tarball.

const root = fileURLToPath(new URL('../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let work: string;
let consumer: string;
let packed: PackResult;

/** Runs a command; a failure throws with its output, so a broken build says why. */
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** The production dependency tree, as relative `node_modules/...` paths of its top-level entries. */
function productionDependencies(): string[] {
  const paths = run('npm', ['ls', '--omit=dev', '--all', '--parseable'], root).trim().split('\n');
  return paths.map((p) => relative(root, p)).filter((p) => p.startsWith('node_modules/') && !p.slice(13).includes('node_modules/'));
}

beforeAll(() => {
  work = tempDir('spr-package-');
  const pkg = join(work, 'pkg');
  mkdirSync(pkg);
  for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts', 'README.md', 'examples', 'LICENSE']) {
    cpSync(join(root, entry), join(pkg, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  packed = (JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], pkg)) as PackResult[])[0];

  consumer = join(work, 'consumer');
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'cjs-consumer', version: '1.0.0', private: true, type: 'commonjs' }));
  for (const dep of productionDependencies()) cpSync(join(root, dep), join(consumer, dep), { recursive: true });
  run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', join(work, packed.filename)], consumer);
  // A TypeScript user on Node has @types/node (the package's types name node:stream);
  // linked after the install, which prunes what package.json does not list.
  mkdirSync(join(consumer, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(root, 'node_modules/@types/node'), join(consumer, 'node_modules/@types/node'), 'dir');
}, 240_000);

describe('the tarball', () => {
  it('holds dist, README.md, examples, LICENSE and package.json, and nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['LICENSE', 'README.md', 'package.json', 'examples/demo.html', 'examples/demo.config.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/proxy/runtime/runtime.min.js']) {
      expect(paths).toContain(needed);
    }
    expect(paths.filter((p) => !p.startsWith('dist/') && !p.startsWith('examples/') && !['LICENSE', 'README.md', 'package.json'].includes(p))).toEqual([]);
    expect(readFileSync(join(consumer, 'node_modules/session-proxy-rewriter/LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 session-proxy-rewriter contributors\n/);
  });

  it('has no source map, and no JavaScript file points at one (src/ is not shipped)', () => {
    expect(packed.files.map((f) => f.path).filter((p) => p.endsWith('.map'))).toEqual([]);
    const dist = join(consumer, 'node_modules/session-proxy-rewriter/dist');
    const js = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(10);
    expect(js.filter((f) => /^\/\/# sourceMappingURL=/m.test(readFileSync(join(dist, f), 'utf8')))).toEqual([]);
  });
});

describe('installed into a CommonJS project', () => {
  const script = "const rw = createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'] }); console.log(rw.url('https://app.example.com/a'));";

  it('require() works (Node 20.19+ requires ES modules without top-level await)', () => {
    const out = run(process.execPath, ['-e', `const { createRewriter } = require('session-proxy-rewriter'); ${script}`], consumer);
    expect(out).toBe('https://app.example.com.proxy.test/a\n');
    expect(run(process.execPath, ['-p', "require.resolve('session-proxy-rewriter')"], consumer).trim())
      .toBe(join(consumer, 'node_modules/session-proxy-rewriter/dist/index.js'));
  });

  it('import works', () => {
    const out = run(process.execPath, ['--input-type=module', '-e', `import { createRewriter } from 'session-proxy-rewriter'; ${script}`], consumer);
    expect(out).toBe('https://app.example.com.proxy.test/a\n');
  });

  it('links the spr command', () => {
    expect(run(join(consumer, 'node_modules/.bin/spr'), ['--version'], consumer).trim()).toBe(version);
  });

  it.each([
    // `node16` resolution, with `module: node20`: the mode where TypeScript (5.9) models
    // require() of an ES module, as Node 20.19 does; under `module: node16` a CommonJS
    // file may not import an ES module (TS1479), as on Node 16.
    ['node20', 'node16'],
    ['nodenext', 'nodenext'],
  ])('types resolve for an ES module and a CommonJS file with module %s, moduleResolution %s', (module, moduleResolution) => {
    const check = [
      "import { createRewriter, type HeadersInput, type HtmlOptions, type RewriteEvent, type RewriteEventType, type RewrittenJs } from 'session-proxy-rewriter';",
      "const rw = createRewriter({ suffix: 'proxy.test', domains: ['example.com'], onEvent: (e: RewriteEvent) => { if (e.type === 'mapping-error') console.log(e.host.length); } });",
      "const html: HtmlOptions = { charset: 'utf-8' };",
      "const headers: HeadersInput = { host: 'example.com.proxy.test' };",
      "const kind: RewriteEventType = 'cookie-refused';",
      "const js: RewrittenJs = rw.rewriteJsWithMap('x');",
      "export const all = [rw.host('example.com'), html, rw.requestHeaders(headers), kind, js.code];",
      '',
    ].join('\n');
    writeFileSync(join(consumer, 'check.mts'), check);
    writeFileSync(join(consumer, 'check.cts'), check);
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', module, '--moduleResolution', moduleResolution, 'check.mts', 'check.cts'];
    expect(() => run(process.execPath, args, consumer)).not.toThrow();
  }, 60_000);
});
