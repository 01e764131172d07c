/**
 * `<provider>.params.*` after typing (reference §9.4): keys are lower-cased, dotted keys become
 * nested objects, and values are typed by suffix (`.int`, `.float`, `.bool`, `.string`, `.csv`) or
 * inferred (integer → float → boolean → string).
 */
export type ParamValue = string | number | boolean | string[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}
