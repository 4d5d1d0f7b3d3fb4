/**
 * What an entity of the data model is made of, in the spirit of ElectroDB: its key, the indexes it belongs to
 * and its attributes, declared once. The codec built from that declaration is the only way an item becomes a
 * domain object, so a malformed item fails loudly, naming the entity, the key and the attribute.
 */

export type AttributeKind = 'string' | 'number' | 'boolean' | 'list' | 'map';

export interface AttributeSpec<K extends AttributeKind = AttributeKind, O extends boolean = boolean> {
  readonly kind: K;
  readonly optional: O;
  /** For a string attribute: the only values it may take. */
  readonly oneOf?: readonly string[];
}

type KindOf<V> = [V] extends [string]
  ? 'string'
  : [V] extends [number]
    ? 'number'
    : [V] extends [boolean]
      ? 'boolean'
      : [V] extends [readonly unknown[]]
        ? 'list'
        : 'map';
type IsOptional<T, P extends keyof T> = object extends Pick<T, P> ? true : false;

/** One spec per attribute of T, of T's kind, optional exactly where T's attribute is. */
export type Attributes<T> = {
  readonly [P in keyof T]-?: AttributeSpec<KindOf<NonNullable<T[P]>>, IsOptional<T, P>>;
};

const spec = <K extends AttributeKind>(kind: K) => ({ kind, optional: false as const });
export const attr = {
  string: spec('string'),
  number: spec('number'),
  boolean: spec('boolean'),
  list: spec('list'),
  map: spec('map'),
  oneOf: <const V extends readonly string[]>(values: V) => ({ ...spec('string'), oneOf: values }),
  optional: <K extends AttributeKind>(s: AttributeSpec<K, false>): AttributeSpec<K, true> => ({
    ...s,
    optional: true,
  }),
};

export type Item = Record<string, unknown>;

/** An item read from the table that is not what its entity declares. */
export class MalformedItemError extends Error {
  constructor(entity: string, item: Item, problem: string) {
    super(`Malformed ${entity} item ${String(item.pk)} / ${String(item.sk)}: ${problem}`);
    this.name = 'MalformedItemError';
  }
}

function kindOf(value: unknown): AttributeKind | 'null' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return t === 'object' ? 'map' : 'other';
}

function problemOf(name: string, s: AttributeSpec, value: unknown): string | undefined {
  if (value === undefined) return s.optional ? undefined : `${name} is missing`;
  const found = kindOf(value);
  if (found !== s.kind) return `${name} should be a ${s.kind}, is a ${found}`;
  if (s.oneOf && !s.oneOf.includes(value as string))
    return `${name} should be one of ${s.oneOf.join(', ')}, is ${JSON.stringify(value)}`;
  return undefined;
}

export interface EntityDeclaration<T, N extends string> {
  /** Stored in every item as `entity`, so that an item says what it is. */
  readonly name: N;
  readonly attributes: Attributes<T>;
  /** The item's primary key, from the value it stores; without it, encode takes the key in `extra`. */
  readonly key?: (value: T) => { readonly pk: string; readonly sk: string };
  /** The index key attributes the item carries: its membership of the table's indexes. */
  readonly indexes?: (value: T) => Readonly<Record<string, string>>;
}

export interface Entity<T, N extends string = string> {
  readonly name: N;
  /** The item that stores `value`: keys, index keys, the entity name and the declared attributes. */
  encode(value: T, extra?: object): Item;
  /** The value an item stores, checked against the declaration; anything undeclared is left behind. */
  decode(item: Item): T;
  /** Some attributes only, as a projected query returns them. */
  decodeSome<P extends keyof T & string>(item: Item, attributes: readonly P[]): Pick<T, P>;
}

export function defineEntity<T, const N extends string>(decl: EntityDeclaration<T, N>): Entity<T, N> {
  const specs = Object.entries(decl.attributes) as [string, AttributeSpec][];
  const pick = (item: Item, wanted: readonly [string, AttributeSpec][]): Item => {
    const out: Item = {};
    for (const [name, s] of wanted) {
      const value = item[name];
      const problem = problemOf(name, s, value);
      if (problem) throw new MalformedItemError(decl.name, item, problem);
      if (value !== undefined) out[name] = value;
    }
    return out;
  };
  const checkEntity = (item: Item) => {
    if (item.entity !== decl.name)
      throw new MalformedItemError(decl.name, item, `entity is ${JSON.stringify(item.entity)}`);
  };
  return {
    name: decl.name,
    encode(value, extra = {}) {
      const stored = pick(value as Item, specs);
      const item: Item = {
        ...decl.key?.(value),
        ...decl.indexes?.(value),
        entity: decl.name,
        ...stored,
        ...extra,
      };
      if (typeof item.pk !== 'string' || typeof item.sk !== 'string')
        throw new MalformedItemError(decl.name, item, 'no key to store it under');
      return item;
    },
    decode(item) {
      checkEntity(item);
      return pick(item, specs) as T;
    },
    decodeSome(item, attributes) {
      const wanted = new Set<string>(attributes);
      return pick(
        item,
        specs.filter(([name]) => wanted.has(name)),
      ) as Pick<T, (typeof attributes)[number]>;
    },
  };
}
