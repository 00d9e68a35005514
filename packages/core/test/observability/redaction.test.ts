import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError, VendorError } from '../../src/errors/index.js';
import {
  CIRCULAR,
  redact,
  sensitive,
  sensitiveKindOf,
  TRUNCATED,
  UNREADABLE,
} from '../../src/observability/index.js';
import { MASTERCARD_TEST_PAN, VISA_TEST_PAN } from './support/card-numbers.js';

// A payer as a vendor package would declare it: redaction is declared on the fields.
const Payer = z.object({
  name: sensitive(z.string().min(1), 'name'),
  accountNumber: sensitive(z.string().regex(/^\d{10,16}$/), 'account_number'),
  birthDate: sensitive(z.string(), 'personal').optional(),
  card: z
    .object({
      number: sensitive(z.string(), 'card_number'),
      expiry: z.string(),
    })
    .nullable(),
});

const Transfer = z.object({
  reference: z.string(),
  payer: Payer,
  beneficiaries: z.array(
    z.object({ name: sensitive(z.string(), 'name'), bankAccount: sensitive(z.string(), 'account_number') }),
  ),
  extra: z.record(z.string(), sensitive(z.string(), 'personal')).optional(),
});

const transfer = {
  reference: 'ref-0001',
  payer: {
    name: 'Hong Gildong',
    accountNumber: '1234567890',
    birthDate: '1990-01-01',
    card: { number: VISA_TEST_PAN, expiry: '12/30' },
  },
  beneficiaries: [{ name: 'Juan dela Cruz', bankAccount: '9876543210' }],
  extra: { address: 'Example-ro 1', phone: '010-0000-0000' },
};

describe('redact with a schema', () => {
  it('masks every marked field of a nested object by its kind', () => {
    expect(redact(transfer, Transfer)).toEqual({
      reference: 'ref-0001',
      payer: {
        name: 'H***',
        accountNumber: '******7890',
        birthDate: '[REDACTED]',
        card: { number: '411111******1111', expiry: '12/30' },
      },
      beneficiaries: [{ name: 'J***', bankAccount: '******3210' }],
      extra: { address: '[REDACTED]', phone: '[REDACTED]' },
    });
  });

  it('does not modify the value it copies', () => {
    const before = structuredClone(transfer);
    redact(transfer, Transfer);
    expect(transfer).toEqual(before);
  });

  it('looks through unions, pipes, defaults, lazy schemas, tuples, maps and sets', () => {
    const Card = z.object({ kind: z.literal('card'), pan: sensitive(z.string(), 'card_number') });
    const Account = z.object({ kind: z.literal('account'), iban: sensitive(z.string(), 'account_number') });
    interface Node {
      holder: string;
      children: Node[];
    }
    const Tree: z.ZodType<Node> = z.lazy(() =>
      z.object({ holder: sensitive(z.string(), 'name'), children: z.array(Tree) }),
    );
    const Schema = z.object({
      method: z.discriminatedUnion('kind', [Card, Account]),
      token: z
        .string()
        .transform((value) => value.trim())
        .pipe(sensitive(z.string(), 'secret')),
      alias: sensitive(z.string(), 'name').default('anonymous'),
      tree: Tree,
      pair: z.tuple([z.string(), sensitive(z.string(), 'card_number')]),
      holders: z.map(z.string(), sensitive(z.string(), 'name')),
      numbers: z.set(sensitive(z.string(), 'account_number')),
    });
    const value = {
      method: { kind: 'account', iban: '1234567890123456' },
      token: ' t ',
      alias: 'Kim Cheolsu',
      tree: { holder: 'Lee Younghee', children: [{ holder: 'Park Minsu', children: [] }] },
      pair: ['first', MASTERCARD_TEST_PAN],
      holders: new Map([['primary', 'Choi Jiwoo']]),
      numbers: new Set(['12345678']),
    };
    expect(redact(value, Schema)).toEqual({
      method: { kind: 'account', iban: '123456******3456' },
      token: '[REDACTED]',
      alias: 'K***',
      tree: { holder: 'L***', children: [{ holder: 'P***', children: [] }] },
      pair: ['first', '555555******4444'],
      holders: new Map([['primary', 'C***']]),
      numbers: new Set(['****5678']),
    });
  });

  it('keeps the mark on schemas refined after marking', () => {
    const Account = sensitive(z.string(), 'account_number');
    expect(sensitiveKindOf(Account.min(8))).toBe('account_number');
    expect(redact({ account: '1234567890' }, z.object({ account: Account.min(8) }))).toEqual({
      account: '******7890',
    });
  });

  it('refuses an unknown kind with a ValidationError naming it', () => {
    const declare = () => sensitive(z.string(), 'card' as never);
    expect(declare).toThrow(ValidationError);
    try {
      declare();
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('kind');
    }
  });
});

describe('redact without a schema (defence in depth)', () => {
  it('masks a card number anywhere in nested strings', () => {
    const value = { order: { notes: [`customer paid with ${VISA_TEST_PAN}`], total: 1000 } };
    expect(redact(value)).toEqual({ order: { notes: ['customer paid with 411111******1111'], total: 1000 } });
  });

  it('masks numbers whose name gives them away, even when they fail the Luhn check', () => {
    expect(
      redact({ accountNo: '1234567890', cardNumber: '4111111111111112', pan: MASTERCARD_TEST_PAN }),
    ).toEqual({
      accountNo: '******7890',
      cardNumber: '411111******1112',
      pan: '555555******4444',
    });
  });

  it('removes secret-named values at any depth, and keeps look-alikes', () => {
    const value = {
      headers: { Authorization: 'Basic dTpw', 'X-Signature': 'c2ln', Accept: 'application/json' },
      config: { tls: { privateKey: { pem: '...' }, passphrase: 'p', publicKey: 'pub' } },
      steps: [[{ cvv2: '123', pinBlock: 'ABCDEF', keyword: 'refund', idempotencyKey: 'ord-1' }]],
      missing: { password: undefined },
    };
    expect(redact(value)).toEqual({
      headers: { Authorization: '[REDACTED]', 'X-Signature': '[REDACTED]', Accept: 'application/json' },
      config: { tls: { privateKey: '[REDACTED]', passphrase: '[REDACTED]', publicKey: 'pub' } },
      steps: [[{ cvv2: '[REDACTED]', pinBlock: '[REDACTED]', keyword: 'refund', idempotencyKey: 'ord-1' }]],
      missing: { password: undefined },
    });
  });

  it('masks a card number inside a Wirebridge error’s details, through its toJSON()', () => {
    const error = new VendorError({
      vendor: 'example',
      operation: 'example.cards.charge',
      category: 'declined',
      vendorCode: '51',
      details: { request: { note: `card ${VISA_TEST_PAN}`, mac: 'AABBCC' } },
    });
    const redacted = redact({ error }) as { error: Record<string, unknown> };
    expect(redacted.error).toMatchObject({
      name: 'VendorError',
      code: 'VENDOR',
      vendorCode: '51',
      details: { request: { note: 'card 411111******1111', mac: '[REDACTED]' } },
    });
  });

  it('reduces a plain error to its name, message and code', () => {
    const error = Object.assign(new Error(`bad card ${VISA_TEST_PAN}`), { code: 'ECONNRESET', secret: 'x' });
    expect(redact(error)).toEqual({
      name: 'Error',
      message: 'bad card 411111******1111',
      code: 'ECONNRESET',
    });
  });

  it('describes binary data by its size only', () => {
    expect(
      redact({ body: Buffer.from('secret bytes'), raw: new Uint8Array(3), buffer: new ArrayBuffer(5) }),
    ).toEqual({
      body: '[binary 12 bytes]',
      raw: '[binary 3 bytes]',
      buffer: '[binary 5 bytes]',
    });
  });

  it('copies maps, sets and dates, redacting inside them', () => {
    const date = new Date('2024-03-01T00:00:00Z');
    const value = {
      when: date,
      map: new Map<unknown, unknown>([
        ['token', 't'],
        ['note', VISA_TEST_PAN],
      ]),
      set: new Set([VISA_TEST_PAN]),
    };
    const redacted = redact(value) as typeof value;
    expect(redacted.when).toEqual(date);
    expect(redacted.when).not.toBe(date);
    expect(redacted.map).toEqual(
      new Map([
        ['token', '[REDACTED]'],
        ['note', '411111******1111'],
      ]),
    );
    expect(redacted.set).toEqual(new Set(['411111******1111']));
  });
});

describe('redact never hangs and never throws', () => {
  it('replaces a cycle by a marker, but copies a shared (acyclic) object twice', () => {
    const shared = { label: 'shared' };
    const node: Record<string, unknown> = { left: shared, right: shared };
    node.self = node;
    const map = new Map<string, unknown>();
    map.set('loop', map);
    expect(redact(node)).toEqual({ left: { label: 'shared' }, right: { label: 'shared' }, self: CIRCULAR });
    expect(redact(map)).toEqual(new Map([['loop', CIRCULAR]]));
  });

  it('truncates absurdly deep values instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 100_000; level++) deep = { next: deep };
    const redacted = redact(deep);
    expect(JSON.stringify(redacted)).toContain(TRUNCATED);
  });

  it('survives throwing getters and hostile proxies', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys for you');
        },
      },
    );
    const value = {
      get boom(): string {
        throw new Error('getter failed');
      },
      hostile,
    };
    expect(redact(value)).toEqual({ boom: UNREADABLE, hostile: UNREADABLE });
  });

  it('returns for any value', () => {
    fc.assert(
      fc.property(
        fc.anything({ withMap: true, withSet: true, withDate: true, withTypedArray: true }),
        (value) => {
          expect(() => redact(value)).not.toThrow();
        },
      ),
    );
  });
});
