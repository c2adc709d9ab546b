import type { Model, OperationModel, PropertyModel, TypeModel, TypeRef } from './types.js';

/** Fast lookups over a linked model; shared by emitters and checks. */
export class ModelIndex {
  readonly types = new Map<string, TypeModel>();

  constructor(readonly model: Model) {
    for (const type of model.types) this.types.set(type.fullName, type);
  }

  type(fullName: string): TypeModel | undefined {
    return this.types.get(fullName);
  }

  /** The entity or complex type `ref` names: a type with properties, as a body or a response is. */
  structuredType(ref: TypeRef | undefined): TypeModel | undefined {
    const type = ref?.kind === 'named' ? this.types.get(ref.name) : undefined;
    return type && (type.kind === 'entity' || type.kind === 'complex') ? type : undefined;
  }

  private lowerCase?: Map<string, TypeModel>;

  /** `#microsoft.graph.UserIdentity` as examples write it: no `#`, any case. */
  typeOfAnnotation(odataType: string): TypeModel | undefined {
    this.lowerCase ??= new Map([...this.types].map(([name, type]) => [name.toLowerCase(), type]));
    return this.lowerCase.get(odataType.replace(/^#/, '').toLowerCase());
  }

  /**
   * The types a GET of a collection may be cast to, as OData casts a collection to a derived
   * type (`…/transitiveMembers/microsoft.graph.user`): its item type and every type deriving
   * from it, when there are any; none for other operations.
   */
  castTargets(op: OperationModel): TypeModel[] {
    const ref = op.method === 'GET' && op.response.collection ? op.response.type : undefined;
    const item = ref?.kind === 'named' ? this.type(ref.name) : undefined;
    if (item?.kind !== 'entity' && item?.kind !== 'complex') return [];
    const family = this.selfAndDescendants(item);
    return family.length > 1 ? family : [];
  }

  /** castTargets as a set, once per operation (checks ask for every example). */
  private readonly castSets = new WeakMap<OperationModel, Set<TypeModel>>();

  /** A request path that ends in a cast segment of `op` (see castTargets): the path before it, and the type. */
  castIn(op: OperationModel, path: string): { path: string; type: TypeModel } | undefined {
    const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
    const at = trimmed.lastIndexOf('/');
    const segment = trimmed.slice(at + 1);
    if (at <= 0 || !/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(segment)) return undefined;
    const type = this.typeOfAnnotation(segment);
    if (!type) return undefined;
    let targets = this.castSets.get(op);
    if (!targets) this.castSets.set(op, (targets = new Set(this.castTargets(op))));
    return targets.has(type) ? { path: trimmed.slice(0, at), type } : undefined;
  }

  /** Base, base of base, … nearest first. */
  ancestors(type: TypeModel): TypeModel[] {
    const out: TypeModel[] = [];
    const seen = new Set([type.fullName]);
    for (let base = this.baseOf(type); base && !seen.has(base.fullName); base = this.baseOf(base)) {
      out.push(base);
      seen.add(base.fullName);
    }
    return out;
  }

  /** The type itself and every type deriving from it, transitively, in full-name order. */
  selfAndDescendants(type: TypeModel): TypeModel[] {
    const out: TypeModel[] = [];
    const seen = new Set<string>();
    const visit = (t: TypeModel) => {
      if (seen.has(t.fullName)) return;
      seen.add(t.fullName);
      out.push(t);
      for (const name of t.derivedTypes) {
        const d = this.type(name);
        if (d) visit(d);
      }
    };
    visit(type);
    return [out[0], ...out.slice(1).sort((a, b) => (a.fullName < b.fullName ? -1 : 1))];
  }

  /** Structural and navigation properties the type declares that no ancestor declares, first one wins. */
  ownProperties(type: TypeModel): PropertyModel[] {
    const inherited = new Set(
      this.ancestors(type).flatMap((t) =>
        [...t.properties, ...t.navigationProperties].map((p) => p.name),
      ),
    );
    const seen = new Set<string>();
    return [...type.properties, ...type.navigationProperties].filter((p) => {
      if (inherited.has(p.name) || seen.has(p.name) || p.name === '@odata.type') return false;
      seen.add(p.name);
      return true;
    });
  }

  /**
   * Own plus inherited properties. A name an ancestor declares is inherited from it (see
   * ownProperties), so the base-most declaration wins: a derived table repeating it cannot
   * change its type.
   */
  allProperties(type: TypeModel): PropertyModel[] {
    const chain = [...this.ancestors(type)].reverse().concat(type);
    const byName = new Map<string, PropertyModel>();
    for (const t of chain) for (const p of this.ownProperties(t)) byName.set(p.name, p);
    return [...byName.values()];
  }

  private baseOf(type: TypeModel): TypeModel | undefined {
    return type.baseType ? this.type(type.baseType) : undefined;
  }
}

/**
 * The model's nullability rule, for every artifact (interfaces, validators, OpenAPI, checks): a
 * value, single or a collection, may be null unless the docs say "Not nullable" or it is the
 * key. OData's default is nullable, and the service's own typings type collections
 * `NullableOption<T[]>` alike; the docs rarely state it.
 */
export function admitsNull(
  property: PropertyModel,
  key: string | undefined | Set<string>,
): boolean {
  if (property.nullable === false) return false;
  return typeof key === 'object' ? !key.has(property.name) : property.name !== key;
}

/** The `@odata.type` value a payload of this type carries: `#microsoft.graph.user`. */
export function odataTypeOf(type: TypeModel): string {
  return `#${type.fullName}`;
}
