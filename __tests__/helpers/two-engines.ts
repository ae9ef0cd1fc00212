/**
 * The lab's two engines for a test file: the local socket (h1) and the second host's socket (h2,
 * for setup and checks), and stack names that are cleaned off both after the file's tests.
 */
import Docker from 'dockerode';
import { lab, type LabInfo } from './lab.js';
import { cleanupStack, localDocker, uniqueStack } from './stack.js';

/** What twoEngines gives a test file. */
export interface TwoEngines {
  L: LabInfo;
  h1: Docker;
  h2: Docker;
  /** A new unique stack name, removed from both engines in afterAll. */
  newStack: () => string;
}

/** Call at the top of a test file: registers the afterAll that removes every stack it named. */
export function twoEngines(prefix = 't'): TwoEngines {
  const L = lab();
  const h1 = localDocker();
  const h2 = new Docker({ socketPath: L.h2Sock.replace('unix://', '') });
  const stacks: string[] = [];
  afterAll(async () => {
    await Promise.all(stacks.flatMap((s) => [cleanupStack(h1, s), cleanupStack(h2, s)]));
  }, 60000);
  const newStack = (): string => {
    const s = uniqueStack(prefix);
    stacks.push(s);
    return s;
  };
  return { L, h1, h2, newStack };
}
