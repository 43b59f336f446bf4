/**
 * Where a V8 .cpuprofile spent its time: self time summed by package (the folder under the last `node_modules/`),
 * "Quorum" (the app's own compiled code), "node core JS" (Node's built-in JavaScript), "native" (C++ bindings reached
 * from JavaScript: socket writes, crypto, zlib...), "GC" and "V8 (program)" (the VM outside JavaScript). Idle time is
 * counted apart: the shares are of the busy time.
 */

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  /** Of the busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  /** Wall time the profile covers, and how much of it the main thread was idle. */
  wallMs: number;
  idleMs: number;
  busyMs: number;
  samples: number;
  byCategory: ProfileShare[];
  /** The functions with the most self time, "name (category)". */
  topFunctions: ProfileShare[];
}

/** The bucket one call frame's self time goes to. `appRoot` is the folder of the app's own compiled code. */
export function categoryOf(frame: { functionName: string; url: string }, appRoot: string): string {
  const url = frame.url ?? '';
  if (!url) {
    if (frame.functionName === '(garbage collector)') return 'GC';
    if (frame.functionName === '(program)') return 'V8 (program)';
    if (frame.functionName === '(idle)') return '(idle)';
    if (frame.functionName === '(root)') return '(root)';
    return 'native';
  }
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith('node:') || !path.startsWith('/')) return 'node core JS';
  if (path.startsWith(appRoot)) return 'Quorum';
  return 'other files';
}

export function summariseProfile(profile: CpuProfile, appRoot: string, top = 10): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const n = profile.samples.length;
  // Sample i lasts until sample i + 1 (what DevTools shows as self time); the last one gets the mean interval.
  const mean = n > 1 ? profile.timeDeltas.slice(1).reduce((a, b) => a + b, 0) / (n - 1) : 0;
  for (let i = 0; i < n; i++) {
    const us = i + 1 < n ? profile.timeDeltas[i + 1] : mean;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + Math.max(0, us));
  }
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame ?? { functionName: '?', url: '' };
    const category = categoryOf(frame, appRoot);
    if (category === '(idle)') {
      idle += us;
      continue;
    }
    if (category === '(root)') continue;
    categories.set(category, (categories.get(category) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} (${category})`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const busy = [...categories.values()].reduce((a, b) => a + b, 0);
  const rank = (m: Map<string, number>, limit: number): ProfileShare[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy ? us / busy : 0 }));
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    idleMs: idle / 1000,
    busyMs: busy / 1000,
    samples: n,
    byCategory: rank(categories, top),
    topFunctions: rank(functions, top),
  };
}
