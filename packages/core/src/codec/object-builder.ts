/**
 * Builds the decoded values object of a layout from an array of field values.
 *
 * Adding properties one by one under computed names (`values[field.name] = …`) makes every store a
 * megamorphic keyed store and costs about half a microsecond for a 30-field telegram — half the decode budget
 * of DESIGN §10 (≥ 1 M frames/s). A function whose body is one object literal with the layout's property names
 * lets V8 allocate the object with its final shape at once (about 15× faster). The generated source contains
 * only the field names, each quoted by `JSON.stringify` (a valid JS string literal for any text), and array
 * indexes; `__proto__`, the one name an object literal would treat specially, is refused by `defineLayout`.
 * Where code generation from strings is disabled (`--disallow-code-generation-from-strings`), the plain
 * property-by-property builder is used instead: same result, slower.
 * @internal
 */

/** Turns field values (in layout order) into the values object. @internal */
export type ObjectBuilder = (values: readonly unknown[]) => Record<string, unknown>;

/** Creates the builder for a layout whose fields are named `names`, in order. @internal */
export function createObjectBuilder(names: readonly string[]): ObjectBuilder {
  const properties = names.map((name, index) => `${JSON.stringify(name)}: values[${index}]`).join(',\n');
  try {
    return new Function('values', `'use strict';\nreturn {\n${properties}\n};`) as ObjectBuilder;
  } catch {
    return (values) => {
      const object: Record<string, unknown> = {};
      for (let index = 0; index < names.length; index++) object[names[index]!] = values[index];
      return object;
    };
  }
}
