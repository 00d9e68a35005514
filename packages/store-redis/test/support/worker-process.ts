// A service instance in a child process, driven one stdin line at a time; each answer is one JSON line.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** tsx's ESM loader (a devDependency), so the worker processes run the TypeScript sources directly. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(`${packageRoot}package.json`).resolve('tsx/esm')).href;
}

export interface Answer {
  pid: number;
  type: string;
  states?: string[];
  values?: number[];
  breaker?: { state: string; since: number } | null;
  ranked?: { provider: string; total: number; successes: number; breaker: string }[];
  ran?: boolean;
  error?: string;
}

/** A worker process driven line by line; `next()` is its next JSON answer (or its crash, with stderr). */
export class Worker {
  readonly child: ChildProcessWithoutNullStreams;
  readonly #answers: Answer[] = [];
  readonly #waiting: { resolve: (answer: Answer) => void; reject: (error: Error) => void }[] = [];
  #stderr = '';
  #exited: Error | undefined;

  constructor(workerPath: string, task: Record<string, unknown>) {
    this.child = spawn(
      process.execPath,
      ['--conditions=@wirebridge/source', '--import', tsxLoader(), workerPath, JSON.stringify(task)],
      { cwd: packageRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4_000);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const answer = JSON.parse(line) as Answer;
      const waiter = this.#waiting.shift();
      if (waiter) waiter.resolve(answer);
      else this.#answers.push(answer);
    });
    this.child.once('exit', (code) => {
      this.#exited = new Error(`worker exited with ${code}: ${this.#stderr}`);
      for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#exited);
    });
  }

  next(): Promise<Answer> {
    const answer = this.#answers.shift();
    if (answer) return Promise.resolve(answer);
    if (this.#exited) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async ask(command: string): Promise<Answer> {
    this.child.stdin.write(`${command}\n`);
    return this.next();
  }
}
