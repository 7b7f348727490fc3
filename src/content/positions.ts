import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";

/** Where something is in a file, 1-based, as an editor shows it. */
export interface Position {
  line: number;
  column: number;
}

/** One step into the frontmatter: a mapping key, or the 0-based index of a list item. */
export type PathSegment = string | number;

/** Finds where a key or a list item of a parsed YAML block is in the file. */
export interface PositionFinder {
  /**
   * The position of the key at `path` (`["people"]`, `["dateline", "city"]`) or of the list item
   * (`["people", 1]`), block or flow; undefined when the path does not exist in the source. An item's
   * position is that of its value (after `- `), as an editor shows it. Items behind an alias are not
   * followed.
   */
  positionOf(path: readonly PathSegment[]): Position | undefined;
  /** The 1-based line of each top-level key, in source order. */
  keyLines(): Map<string, number>;
}

/** A key written twice in one mapping: where it is again, and where it was first. */
export interface DuplicateKey {
  key: string;
  position: Position;
  first: Position;
}

export interface SourceIndex {
  finder: PositionFinder;
  duplicateKeys: DuplicateKey[];
  /** Every alias (`*name`) in the block, in source order. */
  aliases: Position[];
  /** Aliases inside the value their anchor names (`a: &a [*a]`), which would make the data endless. */
  recursiveAliases: Position[];
}

/**
 * The key a YAML scalar becomes in the JavaScript object, as the `yaml` package makes it (`1.0` → "1",
 * `~` → ""); undefined for a collection used as a key, which has no useful position.
 */
function jsKey(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? undefined : String(value);
}

const pathKey = (path: readonly PathSegment[]): string => JSON.stringify(path);

/**
 * Walks a composed YAML document once, without recursion, and records the offset of every mapping key and
 * every list item by its path, every key written twice in one mapping, and every alias. Offsets become
 * lines and columns only when asked for, through `lineCounter` (the one the YAML parser filled).
 */
export function indexSource(root: Node | null, lineCounter: LineCounter): SourceIndex {
  /** Offset of each key, by its path. */
  const keys = new Map<string, number>();
  /** Offsets of the items of each list, by the list's path. */
  const items = new Map<string, number[]>();
  const topKeys = new Map<string, number>();
  const duplicateKeys: DuplicateKey[] = [];
  const aliases: Position[] = [];
  const recursiveAliases: Position[] = [];
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const start = (node: unknown): number | undefined =>
    node !== null && typeof node === "object" ? (node as Node).range?.[0] : undefined;

  /** `anchors`: the anchors of the node's ancestors. */
  const pending: { node: Node; path: PathSegment[]; anchors: readonly string[] }[] = root
    ? [{ node: root, path: [], anchors: [] }]
    : [];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, path } = next;
    const anchors = node.anchor ? [...next.anchors, node.anchor] : next.anchors;
    if (isAlias(node)) {
      const offset = start(node);
      if (offset !== undefined) aliases.push(at(offset));
      if (offset !== undefined && next.anchors.includes(node.source)) recursiveAliases.push(at(offset));
    } else if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = jsKey(pair.key);
        const offset = start(pair.key);
        if (offset === undefined) continue;
        if (isAlias(pair.key)) aliases.push(at(offset));
        if (key === undefined) continue;
        const first = seen.get(key);
        if (first !== undefined) {
          duplicateKeys.push({ key, position: at(offset), first: at(first) });
          continue;
        }
        seen.set(key, offset);
        keys.set(pathKey([...path, key]), offset);
        if (path.length === 0) topKeys.set(key, at(offset).line);
        if (isAlias(pair.value) || isMap(pair.value) || isSeq(pair.value))
          pending.push({ node: pair.value, path: [...path, key], anchors });
      }
    } else if (isSeq(node)) {
      const offsets: number[] = [];
      node.items.forEach((item, index) => {
        offsets.push(start(item) ?? Number.NaN);
        if (isAlias(item) || isMap(item) || isSeq(item))
          pending.push({ node: item, path: [...path, index], anchors });
      });
      items.set(pathKey(path), offsets);
    }
  }
  aliases.sort((a, b) => a.line - b.line || a.column - b.column);
  duplicateKeys.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
  const positionOf = (path: readonly PathSegment[]): Position | undefined => {
    const last = path[path.length - 1];
    const offset =
      typeof last === "number" ? items.get(pathKey(path.slice(0, -1)))?.[last] : keys.get(pathKey(path));
    return offset === undefined || Number.isNaN(offset) ? undefined : at(offset);
  };
  return {
    finder: { positionOf, keyLines: () => new Map(topKeys) },
    duplicateKeys,
    aliases,
    recursiveAliases,
  };
}
