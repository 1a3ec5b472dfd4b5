import { describe, expect, it } from "vitest";
import { element, parseInFull, soapRequest } from "./envelope.js";
import { readXmlTree } from "./xml-tree.js";

/** Documents of every shape the plain reader takes, and of shapes it must leave to the general parser. */
const DOCUMENTS = [
  `<a/>`,
  `<a></a>`,
  `<a>  </a>`,
  `<a> x </a>`,
  `<a>&lt;&amp;&gt;&quot;&apos;</a>`,
  `<a> &amp; </a>`,
  `<a>&nbsp;</a>`,
  `<a>&#65;</a>`,
  `<a>x&y</a>`,
  `<a><b>1</b><b>2</b><c/></a>`,
  `<a><b>1</b><c>3</c><b>2</b></a>`,
  `<a><b/><b>x</b><b><c/></b></a>`,
  `<a><bList><b>1</b></bList></a>`,
  `<a><bList/></a>`,
  `<a><bList>  </bList></a>`,
  `<a><bList><b><c>1</c></b><b/></bList></a>`,
  `<a><bList><b>1</b></bList><bList><b>2</b></bList></a>`,
  `<x:a xmlns:x="u"><x:b y="1">t</x:b><y:b>2</y:b></x:a>`,
  `<a b='>'>t</a>`,
  `<a b="1" b="2">t</a>`,
  `<a b=1>t</a>`,
  `<a>t<b/></a>`,
  `<a><b/>t</a>`,
  `<a><b/></a><c/>`,
  `<a><b></a>`,
  `<a></b>`,
  `<a>`,
  `x<a/>`,
  `<?xml version="1.0" encoding="UTF-8"?>\n<a>\n <b>1</b>\n</a>\n`,
  `<a>\u3000x\u3000</a>`,
  `<a><constructor>1</constructor></a>`,
  `<a><!-- note --><b>1</b></a>`,
  `<a><![CDATA[<b>]]></a>`,
  `<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`,
  `<a>\r\n<b>1</b></a>`,
];

describe("the hall's answers read in one pass", () => {
  it.each(DOCUMENTS)("gives the general parser's tree, or leaves the document to it: %j", (xml) => {
    const tree = readXmlTree(xml);
    if (tree !== null) expect(tree).toEqual(parseInFull(xml));
  });

  it("reads a whole answer as the general parser does", () => {
    const items = ["320100000001", "320100000002"].map((no) => `<CustFacts>${element("CustNo", no)}<UserInfoList/>${element("CustName", "  张 & 李  ")}</CustFacts>`);
    const answer = soapRequest("QueryCustFacts", `<RetCode>0</RetCode><CustFactsList>${items.join("")}</CustFactsList><Other><CustFactsList><CustFacts/></CustFactsList></Other>`);
    const tree = readXmlTree(answer);
    expect(tree).not.toBeNull();
    expect(tree).toEqual(parseInFull(answer));
  });

  it("leaves what is not well-formed to the general parser, which refuses it", () => {
    for (const xml of [`<a><b></a>`, `<a></b>`, `<a>`, `<a b="1" b="2"/>`, `<a b=1/>`, `<a>x&y</a>`]) {
      expect(readXmlTree(xml), xml).toBeNull();
      expect(parseInFull(xml), xml).toBeUndefined();
    }
  });
});
