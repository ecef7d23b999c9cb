import { createRegistry } from './createRegistry.js';
import type { Registry, RegistryChange } from './types.js';
import { commitInGroup } from './commitInGroup.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };

let registry: Registry;
// The outermost transactions the registry ran (nested ones are savepoints of them).
let commits: number;
let depth: number;
let grouped: Pick<Registry, 'transaction'>;

beforeEach(() => {
  registry = createRegistry({ path: ':memory:', ...target, clock: { now: () => 1_000 } });
  commits = 0;
  depth = 0;
  grouped = {
    transaction: <T>(fn: () => T): T => {
      if (depth === 0) commits += 1;
      depth += 1;
      try {
        return registry.transaction(fn);
      } finally {
        depth -= 1;
      }
    },
  };
});

afterEach(() => registry.close());

describe('commitInGroup', () => {
  it('commits the calls of one turn in one transaction and resolves each with its result', async () => {
    const results = await Promise.all(
      ['AMR-1', 'AMR-2', 'AMR-3'].map((thingName) =>
        commitInGroup(grouped, () => registry.createThing({ thingName }).thingName),
      ),
    );
    expect(results).toEqual(['AMR-1', 'AMR-2', 'AMR-3']);
    expect(commits).toBe(1);
    expect(registry.getThing('AMR-2')).toBeDefined();

    await commitInGroup(grouped, () => registry.createThing({ thingName: 'AMR-4' }));
    expect(commits).toBe(2);
  });

  it('rolls back and rejects only the call that throws, with all of its writes', async () => {
    const [first, failing, last] = await Promise.allSettled([
      commitInGroup(grouped, () => registry.createThing({ thingName: 'AMR-1' })),
      commitInGroup(grouped, () => {
        registry.createThing({ thingName: 'AMR-2' });
        registry.updateThing({ thingName: 'AMR-9', attributes: {} }); // does not exist
      }),
      commitInGroup(grouped, () => registry.createThing({ thingName: 'AMR-3' })),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(failing).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } });
    expect(last.status).toBe('fulfilled');
    expect(registry.getThing('AMR-1')).toBeDefined();
    expect(registry.getThing('AMR-2')).toBeUndefined();
    expect(registry.getThing('AMR-3')).toBeDefined();
  });

  it('settles after the commit: change listeners have seen the writes, none of the rolled back ones', async () => {
    const seen: RegistryChange[] = [];
    registry.onChange((change) => seen.push(change));
    const created = commitInGroup(grouped, () => {
      registry.createThing({ thingName: 'AMR-1' });
      expect(seen).toEqual([]);
    });
    const refused = commitInGroup(grouped, () => {
      registry.createThing({ thingName: 'AMR-2' });
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');
    await created;
    expect(seen).toEqual([{ type: 'thing', thingName: 'AMR-1' }]);
  });

  it('rejects every call of the group when the shared commit fails', async () => {
    const calls = [
      commitInGroup(grouped, () => registry.createThing({ thingName: 'AMR-1' })),
      commitInGroup(grouped, () => registry.createThing({ thingName: 'AMR-2' })),
    ];
    registry.close();
    for (const call of calls) {
      await expect(call).rejects.toThrow();
    }
  });
});
