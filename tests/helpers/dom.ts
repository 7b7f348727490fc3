import { readFile } from "node:fs/promises";
import path from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";

type Node = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/** A parsed output page with a few small queries for assertions. */
export class Page {
  constructor(readonly doc: Node) {}

  static async read(outDir: string, url: string): Promise<Page> {
    const file = path.join(outDir, url.replace(/^\//, ""), url.endsWith("/") ? "index.html" : "");
    return new Page(parseDocument(await readFile(file, "utf8")));
  }

  all(tag: string): Element[] {
    return DomUtils.getElementsByTagName(tag, this.doc.children, true);
  }

  withClass(className: string): Element[] {
    return DomUtils.findAll(
      (e) => (e.attribs.class ?? "").split(/\s+/).includes(className),
      this.doc.children,
    );
  }

  text(element: Element | undefined): string {
    return element ? DomUtils.textContent(element).replace(/\s+/g, " ").trim() : "";
  }

  firstText(tag: string): string {
    return this.text(this.all(tag)[0]);
  }

  /** Every link as [href, text]. */
  links(within?: Element): [string, string][] {
    const scope = within ? [within] : this.doc.children;
    return DomUtils.getElementsByTagName("a", scope, true).map((a) => [a.attribs.href ?? "", this.text(a)]);
  }

  attr(tag: string, name: string): string | undefined {
    return this.all(tag)[0]?.attribs[name];
  }
}
