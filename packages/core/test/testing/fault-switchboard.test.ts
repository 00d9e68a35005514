import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { createFaultSwitchboard, type SimulatorFault } from '../../src/testing/index.js';

interface RequestContext {
  path: string;
  idempotencyKey?: string;
}

describe('fault switchboard', () => {
  it('applies a fault injected with times: 1 to one matching request, then clears it', () => {
    const faults = createFaultSwitchboard<SimulatorFault, RequestContext>();
    faults.inject({ match: { path: '/revise' }, fault: { kind: 'reset-before-response' }, times: 1 });

    expect(faults.take({ path: '/approval' })).toBeUndefined();
    expect(faults.take({ path: '/revise' })).toEqual({ kind: 'reset-before-response' });
    expect(faults.take({ path: '/revise' })).toBeUndefined();
    expect(faults.pending()).toEqual([]);
  });

  it('counts times down per matching request and keeps Infinity faults', () => {
    const faults = createFaultSwitchboard<SimulatorFault, RequestContext>();
    const twice = faults.inject({ fault: { kind: 'delay', ms: 50 }, times: 2 });
    expect(twice.remaining).toBe(2);
    faults.take({ path: '/a' });
    expect(twice.remaining).toBe(1);
    faults.take({ path: '/b' });
    expect(twice.remaining).toBe(0);
    expect(faults.take({ path: '/c' })).toBeUndefined();

    faults.inject({ fault: { kind: 'black-hole' }, times: Number.POSITIVE_INFINITY });
    for (let index = 0; index < 5; index++) expect(faults.take({ path: '/x' })?.kind).toBe('black-hole');
  });

  it('tries injections oldest first and matches every listed property', () => {
    const faults = createFaultSwitchboard<SimulatorFault, RequestContext>();
    faults.inject({
      match: { path: '/pay', idempotencyKey: 'order-2' },
      fault: { kind: 'vendor-code', code: 'R101' },
    });
    faults.inject({ match: { path: '/pay' }, fault: { kind: 'bad-signature' } });

    expect(faults.take({ path: '/pay', idempotencyKey: 'order-1' })).toEqual({ kind: 'bad-signature' });
    expect(faults.take({ path: '/pay', idempotencyKey: 'order-2' })).toEqual({
      kind: 'vendor-code',
      code: 'R101',
    });
  });

  it('accepts a predicate and vendor-defined fault kinds', () => {
    type BillgateFault = SimulatorFault | { kind: 'bad-length' };
    const faults = createFaultSwitchboard<BillgateFault, { command: string }>();
    faults.inject({ match: (context) => context.command.startsWith('9'), fault: { kind: 'bad-length' } });
    expect(faults.take({ command: '1000' })).toBeUndefined();
    expect(faults.take({ command: '9100' })).toEqual({ kind: 'bad-length' });
  });

  it('removes a fault on request and clears all', () => {
    const faults = createFaultSwitchboard();
    const injected = faults.inject({ fault: { kind: 'garbage' }, times: 3 });
    injected.remove();
    expect(injected.remaining).toBe(0);
    expect(faults.take({})).toBeUndefined();

    faults.inject({ fault: { kind: 'garbage' } });
    faults.inject({ fault: { kind: 'black-hole' } });
    faults.clear();
    expect(faults.take({})).toBeUndefined();
  });

  it.each([
    [{ kind: 'delay', ms: -1 }, 'fault.ms'],
    [{ kind: 'delay' }, 'fault.ms'],
    [{ kind: 'partial-write', bytes: 0 }, 'fault.bytes'],
    [{ kind: 'reset-mid-response', afterBytes: 1.5 }, 'fault.afterBytes'],
    [{ kind: 'vendor-code', code: '' }, 'fault.code'],
    [{ kind: '' }, 'fault.kind'],
  ])('refuses the invalid fault %j with a ValidationError naming %s', (fault, field) => {
    const faults = createFaultSwitchboard<{ kind: string }>();
    let caught: unknown;
    try {
      faults.inject({ fault: fault as { kind: string } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((issue) => issue.path)).toContain(field);
    expect(faults.pending()).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses times: %s', (times) => {
    const faults = createFaultSwitchboard();
    expect(() => faults.inject({ fault: { kind: 'black-hole' }, times })).toThrow(ValidationError);
  });
});
