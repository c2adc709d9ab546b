import type { Reporter } from '../shared/diagnostics.js';
import { DEFAULT_NAMESPACE, primitiveNamed, splitFullName } from './names.js';
import type { SourceRef, TypeModel, TypeRef } from './types.js';

/** A name written as a type's: camelCase with a second word (`contactFolder`, not `message` or `File`). */
const TYPE_SHAPED = /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/;

/**
 * Whether a link's text names another type than the one of the page it points at: written as a
 * type's name (`[invitationParticipantInfo](participantinfo.md)`, `[bookingType](room.md)`), and
 * not part of the page type's name (`[servicePrincipal](provisioningserviceprincipal.md)` means
 * that narrower type). The caller knows the text names a documented type.
 */
export function linkTextNamesOtherType(text: string, pageType: string): boolean {
  const name = text.trim();
  return TYPE_SHAPED.test(name) && !pageType.toLowerCase().includes(name.toLowerCase());
}

/**
 * Resolves type references case-insensitively: through the page a link points at, then a short
 * name in the referring page's own namespace (`modality` on a callRecords page), then by full
 * name, then by short name (preferring the default namespace). Misses become explicit
 * `unresolved` types plus a `type-unresolved` diagnostic.
 */
export class TypeResolver {
  private readonly byFullName = new Map<string, TypeModel>();
  private readonly byName = new Map<string, TypeModel>();
  readonly unresolved = new Map<string, TypeModel>();

  constructor(
    types: TypeModel[],
    private readonly byPage: Map<string, TypeModel>,
    private readonly report: Reporter,
  ) {
    for (const type of types) {
      this.byFullName.set(type.fullName.toLowerCase(), type);
      const short = type.name.toLowerCase();
      const existing = this.byName.get(short);
      if (
        !existing ||
        (type.namespace === DEFAULT_NAMESPACE && existing.namespace !== DEFAULT_NAMESPACE)
      )
        this.byName.set(short, type);
    }
  }

  find(name: string, link?: string, namespace?: string): TypeModel | undefined {
    const clean = name
      .replace(/^#/, '')
      .replace(/^collection\((.*)\)$/i, '$1')
      .trim()
      .toLowerCase();
    return (
      (link ? this.linked(name, clean, link) : undefined) ??
      (namespace && !clean.includes('.')
        ? this.byFullName.get(`${namespace.toLowerCase()}.${clean}`)
        : undefined) ??
      this.byFullName.get(clean) ??
      (clean.includes('.') ? undefined : this.byName.get(clean)) ??
      (link ? this.byName.get(link) : undefined) ??
      (clean.startsWith(DEFAULT_NAMESPACE + '.')
        ? this.byName.get(clean.slice(DEFAULT_NAMESPACE.length + 1))
        : undefined)
    );
  }

  /**
   * The type of the page `link` points at, unless the link's text names another documented type
   * (linkTextNamesOtherType): then the text is what the row means, and the link was copied from
   * another row (`check` reports it as `link-names-other-type`).
   */
  private linked(name: string, clean: string, link: string): TypeModel | undefined {
    const page = this.byPage.get(link);
    if (!page || !linkTextNamesOtherType(name, page.name)) return page;
    return this.byName.get(clean) ?? page;
  }

  /** A soft reference (a guess from prose) that matches nothing is dropped without a diagnostic. */
  resolveSoft(ref: TypeRef, source: SourceRef): TypeRef | undefined {
    if (
      ref.kind === 'named' &&
      ref.soft &&
      !this.find(ref.name, ref.link) &&
      !primitiveNamed(ref.name)
    )
      return undefined;
    return this.resolve(ref, source);
  }

  /** `namespace`: the referring page's, whose short names win. */
  resolve(ref: TypeRef, source: SourceRef, namespace?: string): TypeRef {
    if (ref.kind === 'primitive') return ref;
    // Alternatives with no common base: any of them may come, so the value is unknown (Json).
    if (ref.anyOf)
      return (
        this.commonBase(ref.anyOf.map((alt) => this.find(alt.name, alt.link))) ??
        this.unrelated(ref, source)
      );
    const found = this.find(ref.name, ref.link, namespace);
    if (found) return { kind: 'named', name: found.fullName };
    const primitive = primitiveNamed(ref.name);
    if (primitive) return { kind: 'primitive', name: primitive };
    return { kind: 'named', name: this.unresolvedType(ref.name, source).fullName };
  }

  /**
   * The nearest type every alternative is or derives from (`namedLocation` for ipNamedLocation
   * or countryNamedLocation); base types are still references here, resolved through find().
   */
  private commonBase(alternatives: (TypeModel | undefined)[]): TypeRef | undefined {
    if (alternatives.some((t) => !t)) return undefined;
    const chains = (alternatives as TypeModel[]).map((t) => this.ancestry(t));
    const common = chains[0].find((name) => chains.every((c) => c.includes(name)));
    return common ? { kind: 'named', name: common } : undefined;
  }

  /** Alternatives that do not all resolve, or share no base: reported, and read as unknown. */
  private unrelated(ref: Extract<TypeRef, { kind: 'named' }>, source: SourceRef): TypeRef {
    const names = (ref.anyOf ?? []).map((alt) => alt.name).join(' or ');
    this.report.report(
      'type-alternatives-unrelated',
      'info',
      `${names}: the alternatives share no base type in this doc set; read as unknown (Json).`,
      source,
      source.file,
    );
    return { kind: 'primitive', name: 'Json' };
  }

  /** The type's full name, its base's, and so on up (through base references not yet resolved). */
  ancestry(type: TypeModel): string[] {
    const names: string[] = [];
    for (let t: TypeModel | undefined = type; t && !names.includes(t.fullName);) {
      names.push(t.fullName);
      const base: TypeRef | undefined = (t as TypeModel & { baseRef?: TypeRef }).baseRef;
      t = base?.kind === 'named' ? this.find(base.name, base.link) : undefined;
    }
    return names;
  }

  private unresolvedType(written: string, source: SourceRef): TypeModel {
    const { namespace, name } = splitFullName(written.replace(/^collection\((.*)\)$/i, '$1'));
    const fullName = `${namespace}.${name}`;
    this.report.report(
      'type-unresolved',
      'warning',
      `Type "${written}" has no page in this doc set.`,
      source,
      source.file,
    );
    let type = this.unresolved.get(fullName.toLowerCase());
    if (!type) {
      type = {
        name,
        namespace,
        fullName,
        kind: 'unresolved',
        abstract: false,
        open: true,
        description: '',
        properties: [],
        navigationProperties: [],
        members: [],
        derivedTypes: [],
        source,
      };
      this.unresolved.set(fullName.toLowerCase(), type);
    }
    return type;
  }
}
