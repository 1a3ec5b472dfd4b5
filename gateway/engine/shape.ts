import {
  Kind,
  type GraphQLError,
  type GraphQLObjectType,
  type GraphQLScalarType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { included, type ConditionValues } from "./conditions.js";
import { graphql } from "./graphql.js";

const { GraphQLError: Failure, getNamedType, isAbstractType, isCompositeType, isEnumType, isListType, isNonNullType, isObjectType, isScalarType } = graphql;

/**
 * The client's answer cut from the merged subgraph data: only the fields the operation asked for, under
 * their aliases, `__typename` filled in, leaf values checked against their types, and a null in a
 * non-null position taking its parent with it, as GraphQL execution would. Compiled once per operation
 * (and per value of its @skip/@include variables), so a request walks plain arrays, not the AST.
 */
export interface Shaper {
  /** `introspected`: the root's `__schema` and `__type` fields, answered from the gateway's own schema (no subgraph has them). */
  (data: Record<string, unknown>, introspected: Record<string, unknown> | undefined): ShapeResult;
}

export interface ShapeResult {
  data: Record<string, unknown> | null;
  /** Nulls the subgraphs gave where the schema promises a value, or values of the wrong type. */
  errors: GraphQLError[];
}

type Path = (string | number)[];

/**
 * A field's type as the shaper walks it, worked out once: graphql's type predicates cost a realm check
 * each time they answer no, which on every value of every answer adds up.
 */
interface TypeStep {
  nonNull: boolean;
  /** The item type of a list; null when not a list. */
  item: TypeStep | null;
  /** A leaf's check of a value from a subgraph; null for lists and composite types. */
  leaf: ((value: unknown) => boolean) | null;
}

interface FieldShape {
  responseName: string;
  kind: "typename" | "value";
  /** The field's type, wrappers included; null for __typename. */
  type: GraphQLOutputType | null;
  step: TypeStep | null;
  /** For composite fields: the merged selection of every node asking for this response name. */
  selection: SelectionSetNode | null;
  parentName: string;
  /** Resolved on first use: the shape of the selection for each runtime type. */
  child: SelectionShape | null;
  compiler: ShapeCompiler;
}

/** One selection set on one static type; its fields per runtime type, collected lazily. */
class SelectionShape {
  /** Keyed by __typename ("" when the answer gave none). */
  private readonly byType = new Map<string, FieldShape[] | null>();
  constructor(
    private readonly compiler: ShapeCompiler,
    readonly staticType: GraphQLCompositeType,
    private readonly selections: readonly SelectionSetNode[],
  ) {}

  fieldsFor(typename: string | undefined): FieldShape[] | null {
    const key = typename ?? "";
    const known = this.byType.get(key);
    if (known !== undefined) return known;
    const runtime = typename === undefined ? (isObjectType(this.staticType) ? this.staticType : null) : this.compiler.objectType(typename);
    // A __typename the schema does not know has no fields to shape: the value is invalid.
    const fields = typename !== undefined && !runtime ? null : this.compiler.collect(this.selections, this.staticType, runtime);
    this.byType.set(key, fields);
    return fields;
  }
}

const INVALID = Symbol("invalid");

export class ShapeCompiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly conditions: ConditionValues,
  ) {}

  objectType(name: string): GraphQLObjectType | null {
    const type = this.schema.getType(name);
    return isObjectType(type) ? type : null;
  }

  shaper(root: GraphQLObjectType, selection: SelectionSetNode): Shaper {
    const rootShape = new SelectionShape(this, root, [selection]);
    return (data, introspected) => {
      const errors: GraphQLError[] = [];
      const output: Record<string, unknown> = {};
      const fields = rootShape.fieldsFor(undefined)!;
      const ok = shapeFields(data, fields, output, [], errors, introspected);
      return { data: ok ? output : null, errors };
    };
  }

  /** graphql-js's CollectFields for one runtime type (or the static type when the runtime one is unknown). */
  collect(selections: readonly SelectionSetNode[], staticType: GraphQLCompositeType, runtime: GraphQLObjectType | null): FieldShape[] {
    const grouped = new Map<string, FieldNode[]>();
    const visit = (set: SelectionSetNode, seen: Set<string>) => {
      for (const selection of set.selections) {
        if (!included(selection, this.conditions)) continue;
        if (selection.kind === Kind.FIELD) {
          const name = selection.alias?.value ?? selection.name.value;
          const nodes = grouped.get(name);
          if (nodes) nodes.push(selection);
          else grouped.set(name, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(selection.typeCondition?.name.value, staticType, runtime)) visit(selection.selectionSet, seen);
        } else {
          const fragment = this.fragments[selection.name.value];
          if (!fragment || seen.has(fragment.name.value)) continue;
          if (!this.applies(fragment.typeCondition.name.value, staticType, runtime)) continue;
          visit(fragment.selectionSet, new Set(seen).add(fragment.name.value));
        }
      }
    };
    for (const set of selections) visit(set, new Set());
    const owner = runtime ?? staticType;
    const fields: FieldShape[] = [];
    for (const [responseName, nodes] of grouped) {
      const name = nodes[0]!.name.value;
      if (name === "__schema" || name === "__type") continue; // answered by introspection at the root
      if (name === "__typename") {
        fields.push({ responseName, kind: "typename", type: null, step: null, selection: null, parentName: owner.name, child: null, compiler: this });
        continue;
      }
      const definition = "getFields" in owner ? owner.getFields()[name] : undefined;
      if (!definition) continue; // validation refused unknown fields; a field of another runtime type is not this one's
      const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      fields.push({
        responseName,
        kind: "value",
        type: definition.type,
        step: stepOf(definition.type),
        selection: sets.length > 0 ? { kind: Kind.SELECTION_SET, selections: sets.flatMap((s) => s.selections) } : null,
        parentName: owner.name,
        child: null,
        compiler: this,
      });
    }
    return fields;
  }

  childShape(field: FieldShape): SelectionShape {
    if (!field.child) {
      const named = getNamedType(field.type!);
      if (!isCompositeType(named)) throw new Error(`${field.parentName}.${field.responseName} has no selection to shape`);
      field.child = new SelectionShape(this, named, [field.selection!]);
    }
    return field.child;
  }

  /** Whether a fragment's type condition holds for the runtime type (or, unknown, for the static one). */
  private applies(condition: string | undefined, staticType: GraphQLCompositeType, runtime: GraphQLObjectType | null): boolean {
    if (!condition) return true;
    const type = this.schema.getType(condition);
    if (!type) return false;
    const target = runtime ?? staticType;
    if (type === target) return true;
    return isAbstractType(type) && (isObjectType(target) || "getInterfaces" in target) && this.schema.isSubType(type, target as GraphQLObjectType);
  }
}

/** Fills `output` with `fields` from `input`; false when a non-null field's null must null the parent. */
function shapeFields(
  input: Record<string, unknown>,
  fields: FieldShape[],
  output: Record<string, unknown>,
  path: Path,
  errors: GraphQLError[],
  introspected?: Record<string, unknown>,
): boolean {
  for (const field of fields) {
    const name = field.responseName;
    if (field.kind === "typename") {
      const given = input[name] ?? input.__typename;
      output[name] = typeof given === "string" ? given : field.parentName;
      continue;
    }
    path.push(name);
    const value = Object.hasOwn(input, name) ? input[name] : null;
    const shaped = complete(value ?? null, field.step!, field, path, errors);
    path.pop();
    if (shaped === INVALID) return false;
    output[name] = shaped;
  }
  if (introspected) Object.assign(output, introspected);
  return true;
}

function complete(value: unknown, step: TypeStep, field: FieldShape, path: Path, errors: GraphQLError[]): unknown {
  if (step.nonNull) {
    const reported = errors.length;
    const inner = completeNullable(value, step, field, path, errors);
    if (inner === null) {
      // A null a wrong value already explained needs no second error.
      if (errors.length === reported) {
        errors.push(new Failure(`Cannot return null for non-nullable field ${field.parentName}.${field.responseName}.`, { path: [...path] }));
      }
      return INVALID;
    }
    return inner;
  }
  return completeNullable(value, step, field, path, errors);
}

function completeNullable(value: unknown, step: TypeStep, field: FieldShape, path: Path, errors: GraphQLError[]): unknown {
  if (value === null || value === undefined) return null;
  if (step.leaf) return step.leaf(value) ? value : invalid(field, path, errors);
  if (step.item) {
    if (!Array.isArray(value)) return invalid(field, path, errors);
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const item = complete(value[i], step.item, field, path, errors);
      path.pop();
      if (item === INVALID) return null;
      out[i] = item;
    }
    return out;
  }
  if (typeof value !== "object" || Array.isArray(value)) return invalid(field, path, errors);
  const object = value as Record<string, unknown>;
  const shape = field.compiler.childShape(field);
  const typename = typeof object.__typename === "string" ? object.__typename : undefined;
  const fields = shape.fieldsFor(typename);
  if (!fields) return invalid(field, path, errors);
  const out: Record<string, unknown> = {};
  return shapeFields(object, fields, out, path, errors) ? out : null;
}

function invalid(field: FieldShape, path: Path, errors: GraphQLError[]): null {
  errors.push(new Failure(`Invalid value found for field ${field.parentName}.${field.responseName}.`, { path: [...path] }));
  return null;
}

function stepOf(type: GraphQLOutputType): TypeStep {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  if (isListType(inner)) return { nonNull, item: stepOf(inner.ofType), leaf: null };
  if (isScalarType(inner)) return { nonNull, item: null, leaf: scalarCheck(inner) };
  if (isEnumType(inner)) {
    const names = new Set(inner.getValues().map((v) => v.name));
    return { nonNull, item: null, leaf: (value) => typeof value === "string" && names.has(value) };
  }
  return { nonNull, item: null, leaf: null };
}

/** An integer as GraphQL writes one (no exponent): what Apollo's gateway accepts for Int and ID. */
const integer = (value: unknown) => Number.isInteger(value) && Math.abs(value as number) < 1e21;

function scalarCheck(type: GraphQLScalarType): (value: unknown) => boolean {
  switch (type.name) {
    case "String":
      return (value) => typeof value === "string";
    case "Boolean":
      return (value) => typeof value === "boolean";
    case "Int":
      return integer;
    case "Float":
      return (value) => typeof value === "number" && Number.isFinite(value);
    case "ID":
      return (value) => typeof value === "string" || integer(value);
    default:
      return () => true; // custom scalars: the subgraph that owns them serialised them
  }
}
