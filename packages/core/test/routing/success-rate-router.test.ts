import { describe, expect, it } from 'vitest';
import {
  CircuitBreakerRegistry,
  CircuitOpenError,
  createMobileChargeRouter,
  createSuccessRateRouter,
  type MobileChargeProvider,
  type MobileChargeRequest,
  type MobileChargeResult,
  OutcomeUnknownError,
  TransportError,
  ValidationError,
  VendorError,
} from '../../src/index.js';

const minute = 60_000;

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 10, 25, 9, 0, 0)) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

/** A provider whose next answers are scripted: `'ok'`, `'pending'` or an error to throw. */
function scriptedProvider(name: string) {
  const script: (MobileChargeResult['state'] | Error)[] = [];
  const charged: string[] = [];
  const health = { degraded: false };
  const provider: MobileChargeProvider = {
    provider: name,
    async charge(request: MobileChargeRequest) {
      if (health.degraded) throw new VendorError({ category: 'unavailable', vendorCode: '9999' });
      const next = script.shift() ?? 'approved';
      if (next instanceof Error) throw next;
      charged.push(request.orderId);
      return {
        provider: name,
        orderId: request.orderId,
        providerTransactionId: `${name}-${request.orderId}`,
        amount: request.amount,
        currency: request.currency,
        state: next,
      };
    },
    async status() {
      return { state: 'failed' };
    },
  };
  return { provider, script, charged, health };
}

function charge(orderId: string, amount = 10_000): MobileChargeRequest {
  return { orderId, amount, currency: 'KRW' };
}

/** Records `successes` and `failures` for `provider` at the clock's time. */
async function seed(
  router: { record(provider: string, success: boolean): Promise<void> },
  provider: string,
  successes: number,
  failures: number,
) {
  for (let index = 0; index < successes; index++) await router.record(provider, true);
  for (let index = 0; index < failures; index++) await router.record(provider, false);
}

describe('createSuccessRateRouter', () => {
  const names = (standings: { provider: string }[]) => standings.map((standing) => standing.provider);

  function twoProviders(clock = manualClock(), breakers?: CircuitBreakerRegistry) {
    return createSuccessRateRouter({
      providers: [
        { name: 'ventaja', provider: 'V', fee: 120 },
        { name: 'billgate', provider: 'B', fee: 100 },
      ],
      now: clock.now,
      ...(breakers === undefined ? {} : { breakers }),
    });
  }

  it('counts a provider with no data as 100% and tries the cheapest first', async () => {
    const router = twoProviders();
    const ranked = await router.rank(10_000);
    expect(names(ranked)).toEqual(['billgate', 'ventaja']);
    expect(ranked[0]).toMatchObject({ rate: 1, total: 0, preferred: true, breaker: 'closed' });
  });

  it('prefers a provider at exactly the 95% threshold, and demotes it just below', async () => {
    const router = twoProviders();
    await seed(router, 'billgate', 19, 1); // 19 / 20 = 0.95
    expect(names(await router.rank(10_000))).toEqual(['billgate', 'ventaja']);

    await seed(router, 'billgate', 0, 1); // 19 / 21 ≈ 0.905
    const ranked = await router.rank(10_000);
    expect(names(ranked)).toEqual(['ventaja', 'billgate']);
    expect(ranked[1]?.preferred).toBe(false);
  });

  it('orders by the fee for the call amount', async () => {
    const router = createSuccessRateRouter({
      providers: [
        { name: 'flat', provider: 'F', fee: 100 },
        { name: 'percent', provider: 'P', fee: (amount: number) => amount * 0.01 },
      ],
    });
    expect(names(await router.rank(5_000))).toEqual(['percent', 'flat']); // 50 < 100
    expect(names(await router.rank(20_000))).toEqual(['flat', 'percent']); // 100 < 200
  });

  it('when none qualifies, the highest rate wins, ties by fee', async () => {
    const router = createSuccessRateRouter({
      providers: [
        { name: 'a', provider: 'A', fee: 10 },
        { name: 'b', provider: 'B', fee: 20 },
        { name: 'c', provider: 'C', fee: 5 },
      ],
    });
    await seed(router, 'a', 8, 2); // 0.8
    await seed(router, 'b', 9, 1); // 0.9
    await seed(router, 'c', 4, 1); // 0.8, cheaper than a
    expect(names(await router.rank(1_000))).toEqual(['b', 'c', 'a']);
  });

  it('brings a demoted provider back once its failures leave the window', async () => {
    const clock = manualClock();
    const router = twoProviders(clock);
    await seed(router, 'billgate', 0, 10);
    expect(names(await router.rank(10_000))[0]).toBe('ventaja');

    clock.advance(4 * minute);
    expect(names(await router.rank(10_000))[0]).toBe('ventaja');
    clock.advance(1 * minute);
    const ranked = await router.rank(10_000);
    expect(names(ranked)[0]).toBe('billgate');
    expect(ranked[0]).toMatchObject({ total: 0, rate: 1 });
  });

  it('does not prefer a provider whose circuit is not closed, whatever its rate', async () => {
    const breakers = new CircuitBreakerRegistry();
    const router = twoProviders(manualClock(), breakers);
    await breakers.isolate('billgate');
    const ranked = await router.rank(10_000);
    expect(names(ranked)).toEqual(['ventaja', 'billgate']);
    expect(ranked[1]).toMatchObject({ breaker: 'isolated', rate: 1, preferred: false });
  });

  it('refuses invalid options with a ValidationError naming the field', () => {
    const attempt = (options: Parameters<typeof createSuccessRateRouter>[0]) => {
      try {
        createSuccessRateRouter(options);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const empty = attempt({ providers: [] });
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as ValidationError).issues[0]?.path).toBe('providers');
    const duplicate = attempt({
      providers: [
        { name: 'a', provider: 1, fee: 1 },
        { name: 'a', provider: 2, fee: 2 },
      ],
    });
    expect((duplicate as ValidationError).issues[0]?.path).toBe('providers.1.name');
    const threshold = attempt({ providers: [{ name: 'a', provider: 1, fee: 1 }], preferThreshold: 1.5 });
    expect((threshold as ValidationError).issues[0]?.path).toBe('preferThreshold');
  });
});

describe('createMobileChargeRouter', () => {
  function setup() {
    const clock = manualClock();
    const cheap = scriptedProvider('billgate');
    const dear = scriptedProvider('ventaja');
    const router = createMobileChargeRouter({
      providers: [
        { provider: dear.provider, fee: 150 },
        { provider: cheap.provider, fee: 100 },
      ],
      now: clock.now,
    });
    return { clock, cheap, dear, router };
  }

  it('charges with the cheapest provider and counts the acceptance at creation, even when pending', async () => {
    const { cheap, router } = setup();
    cheap.script.push('pending');
    const result = await router.charge(charge('order-1'));
    expect(result).toMatchObject({ provider: 'billgate', state: 'pending', orderId: 'order-1' });
    expect(cheap.charged).toEqual(['order-1']);

    // A later confirmation failing does not change the count: the rule counts at creation.
    expect(await router.status({ provider: 'billgate', orderId: 'order-1' })).toEqual({ state: 'failed' });
    const [, billgate] = await router.stats();
    expect(billgate).toMatchObject({ provider: 'billgate', successes: 1, total: 1, rate: 1 });
  });

  it.each([
    ['a refused connection', new TransportError({ message: 'connect ECONNREFUSED' })],
    ['an open circuit', new CircuitOpenError({ circuit: 'billgate' })],
    ['an unavailable answer', new VendorError({ category: 'unavailable', vendorCode: '9999' })],
  ])('fails over after %s, and the second provider charges once', async (_label, error) => {
    const { cheap, dear, router } = setup();
    cheap.script.push(error);
    const result = await router.charge(charge('order-2'));
    expect(result.provider).toBe('ventaja');
    expect(dear.charged).toEqual(['order-2']);
    expect(cheap.charged).toEqual([]);
    expect(result.attempts.map((attempt) => [attempt.provider, attempt.outcome])).toEqual([
      ['billgate', 'failure'],
      ['ventaja', 'success'],
    ]);
  });

  it('never fails over after an unknown outcome: the error surfaces and no other provider is charged', async () => {
    const { cheap, dear, router } = setup();
    cheap.script.push(
      new OutcomeUnknownError({ message: 'reply lost', vendor: 'billgate', reference: 'order-3' }),
    );
    const error = await router.charge(charge('order-3')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).vendor).toBe('billgate');
    expect(dear.charged).toEqual([]);
    const [, billgate] = await router.stats();
    expect(billgate).toMatchObject({ successes: 0, total: 1 }); // it counts against the provider
  });

  it('does not fail over after a decline, which counts against the provider', async () => {
    const { cheap, dear, router } = setup();
    cheap.script.push(new VendorError({ category: 'declined', vendorCode: '1009' }));
    await expect(router.charge(charge('order-4'))).rejects.toBeInstanceOf(VendorError);
    expect(dear.charged).toEqual([]);
    const [, billgate] = await router.stats();
    expect(billgate).toMatchObject({ successes: 0, total: 1 });
  });

  it('does not fail over after bad input, nor count it against the provider', async () => {
    const { cheap, dear, router } = setup();
    cheap.script.push(
      new ValidationError({
        message: 'invalid input',
        issues: [{ path: 'msisdn', message: 'required', code: 'invalid_type' }],
      }),
    );
    await expect(router.charge(charge('order-5'))).rejects.toBeInstanceOf(ValidationError);
    expect(dear.charged).toEqual([]);
    const [, billgate] = await router.stats();
    expect(billgate).toMatchObject({ successes: 0, total: 0 });
  });

  it('shifts traffic away from a degraded provider and back after the window', async () => {
    const { clock, cheap, router } = setup();
    cheap.health.degraded = true;
    const served = [];
    for (let index = 0; index < 5; index++)
      served.push((await router.charge(charge(`burst-${index}`))).provider);
    expect(served).toEqual(['ventaja', 'ventaja', 'ventaja', 'ventaja', 'ventaja']);
    cheap.health.degraded = false; // recovered, but its failures stay in the window
    clock.advance(4 * minute);
    expect((await router.charge(charge('during'))).provider).toBe('ventaja');
    clock.advance(1 * minute);
    expect((await router.charge(charge('after'))).provider).toBe('billgate');
    expect(cheap.charged).toEqual(['after']);
  });

  it('names an unknown provider in cancel and status', async () => {
    const { router } = setup();
    await expect(router.status({ provider: 'nobody', orderId: 'x' })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      router.cancel({ provider: 'billgate', orderId: 'x', providerTransactionId: 't', currency: 'KRW' }),
    ).rejects.toThrow('cannot cancel');
  });
});
