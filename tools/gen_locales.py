#!/usr/bin/env python3
"""Generates the console's locale tables at build time (README, "Languages").

From CLDR (Debian's unicode-cldr-core, /usr/share/unicode/cldr/common) it takes, for each shipped
language: the cardinal plural rules (compiled to a C++ function over integers), the decimal and group
symbols, month and day names, the MMMd / yMMMd / Hm date and time patterns and the relative-time
words. From assets/locales/<tag>.json it takes the message catalog. With --pseudo it adds en-XA, the
pseudo-locale of the test builds: English accented, 40 % longer and bracketed.

Writes <out>/model/locale/msg_keys.h (the Msg enum: a misspelled key does not compile) and
<out>/locale_tables.cpp. A key missing from a translation is left null there, not refused: the model
suite's catalog test names it (a generator that failed would leave that test nothing to catch).
"""
import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

CATEGORIES = ["zero", "one", "two", "few", "many", "other"]
UNITS = ["second", "minute", "hour", "day", "month", "year"]
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def c_str(s):
    """A C++ string literal (UTF-8 bytes escaped so no compiler reads them as anything else)."""
    if s is None:
        return "nullptr"
    out = []
    for b in s.encode("utf-8"):
        if b in (0x22, 0x5C):
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F and b != 0x3F:  # '?' escaped too: no trigraphs
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def plural_condition(rule):
    """CLDR plural rule syntax (integers only: n = i, v = w = f = t = e = 0) to a C++ expression."""
    rule = rule.split("@")[0].strip()
    if not rule:
        return "true"
    ors = []
    for conj in rule.split(" or "):
        ands = []
        for rel in conj.split(" and "):
            m = re.fullmatch(r"\s*([niv wftce])\s*(?:%\s*(\d+))?\s*(!=|=)\s*([\d.,\s]+)", rel)
            if not m:
                sys.exit("gen_locales: cannot read plural relation '%s'" % rel)
            operand, mod, op, ranges = m.groups()
            if operand not in "ni":  # v, w, f, t, c, e are 0 for an integer: decided here
                value = 0
                hit = any((int(r.split("..")[0]) <= value <= int(r.split("..")[-1])) for r in ranges.split(","))
                ands.append("true" if hit == (op == "=") else "false")
                continue
            expr = "n"
            if mod:
                expr = "(%s %% %s)" % (expr, mod)
            alts = []
            for r in ranges.split(","):
                r = r.strip()
                if ".." in r:
                    lo, hi = r.split("..")
                    alts.append("(%s >= %s && %s <= %s)" % (expr, lo, expr, hi))
                else:
                    alts.append("%s == %s" % (expr, r))
            test = "(" + " || ".join(alts) + ")"
            ands.append(test if op == "=" else "!" + test)
        ors.append("(" + " && ".join(ands) + ")")
    return " || ".join(ors)


def plural_rules(cldr, lang):
    root = ET.parse(os.path.join(cldr, "supplemental", "plurals.xml")).getroot()
    for rules in root.iter("pluralRules"):
        if lang in rules.get("locales").split():
            return [(r.get("count"), r.text or "") for r in rules.findall("pluralRule")]
    sys.exit("gen_locales: no plural rules for " + lang)


def integer_samples(rule_text):
    """The @integer samples of a rule ("1, 21, 2~4, …") as numbers: the model suite checks them."""
    m = re.search(r"@integer([^@]*)", rule_text)
    if not m:
        return []
    out = []
    for part in m.group(1).split(","):
        part = part.strip()
        if not part or part == "…":
            continue
        if "~" in part:
            lo, hi = part.split("~")
            out.extend(range(int(lo), int(hi) + 1))
        else:
            out.append(int(part))
    return out


class Cldr:
    """One language's main/<lang>.xml, falling back to root for what it does not say."""

    def __init__(self, cldr, lang):
        self.trees = [ET.parse(os.path.join(cldr, "main", lang + ".xml")).getroot(),
                      ET.parse(os.path.join(cldr, "main", "root.xml")).getroot()]

    def find(self, path):
        for t in self.trees:
            e = t.find(path)
            if e is not None:
                return e
        sys.exit("gen_locales: CLDR has no " + path)

    def names(self, kind, item, width, count, keys):
        w = self.find(".//calendar[@type='gregorian']/%ss/%sContext[@type='format']/%sWidth[@type='%s']"
                      % (kind, kind, kind, width))
        return [w.find("%s[@type='%s']" % (item, k)).text for k in keys][:count]


def locale_data(cldr, lang):
    c = Cldr(cldr, lang)
    symbols = c.find("numbers/symbols[@numberSystem='latn']")
    gregorian = ".//calendar[@type='gregorian']/dateTimeFormats/availableFormats/dateFormatItem[@id='%s']"
    months = [str(i) for i in range(1, 13)]
    days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    relative = {}
    for unit in UNITS:
        field = c.find(".//fields/field[@type='%s']" % unit)
        for tense in ("past", "future"):
            rt = field.find("relativeTime[@type='%s']" % tense)
            relative[(unit, tense)] = {p.get("count"): p.text for p in rt.findall("relativeTimePattern")}
    native = c.find("localeDisplayNames/languages/language[@type='%s']" % lang).text
    return {
        "decimal": symbols.findtext("decimal"),
        "group": symbols.findtext("group"),
        "months_abbr": c.names("month", "month", "abbreviated", 12, months),
        "months_wide": c.names("month", "month", "wide", 12, months),
        "days_abbr": c.names("day", "day", "abbreviated", 7, days),
        "days_wide": c.names("day", "day", "wide", 7, days),
        "md": c.find(gregorian % "MMMd").text,
        "ymd": c.find(gregorian % "yMMMd").text,
        "hm": c.find(gregorian % "Hm").text,
        "relative": relative,
        "native": native[:1].upper() + native[1:],
    }


ACCENTS = dict(zip("aceinouyACEINOUY", "àçéîñöûýÅÇÉÎÑÖÛÝ"))


def pseudo(text):
    """[Àççéñţéð ŵöŕðš ~~~]: placeholders kept, 40 % longer, bracketed (Latin-1 only: every font has it)."""
    out, i = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append("".join(ACCENTS.get(ch, ch) for ch in text[i:m.start()]))
        out.append(m.group(0))
        i = m.end()
    out.append("".join(ACCENTS.get(ch, ch) for ch in text[i:]))
    body = "".join(out)
    pad = max(1, (len(PLACEHOLDER.sub("", text)) * 2 + 4) // 5)
    return "[" + body + " " + "·" * pad + "]"


def write_page_words(path, catalogs):
    words = {}
    for tag, catalog in catalogs.items():
        page = {k: v for k, v in catalog.items() if k.startswith("page.")}
        missing = [k for k in catalogs["en"] if k.startswith("page.") and k not in page]
        if missing:
            sys.exit("gen_locales.py: %s.json lacks %s" % (tag, ", ".join(missing)))
        words[tag] = page
    text = ("// Generated by tools/gen_locales.py from assets/locales: do not edit.\n"
            "window.RosterPageWords = %s;\n" % json.dumps(words, ensure_ascii=False, sort_keys=True))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_if_changed(path, text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cldr", required=True)
    ap.add_argument("--catalog", required=True, help="the folder of <tag>.json catalogs")
    ap.add_argument("--out", required=True)
    ap.add_argument("--locales", default="en,uk,de")
    ap.add_argument("--pseudo", action="store_true")
    ap.add_argument("--page-words", help="write the page.* words of every locale here, as a script for the HTML pages")
    a = ap.parse_args()

    tags = a.locales.split(",")
    catalogs = {}
    for tag in tags:
        with open(os.path.join(a.catalog, tag + ".json"), encoding="utf-8") as f:
            catalogs[tag] = json.load(f)
    # The page.* keys are the HTML pages' words (sign-in, kiosk, embed example): written for the pages
    # as a script (--page-words), left out of the module, which never shows them.
    if a.page_words:
        write_page_words(a.page_words, catalogs)
    keys = [k for k in catalogs["en"].keys() if not k.startswith("page.")]
    idents = [re.sub(r"[^a-z0-9]", "_", k.lower()) for k in keys]

    os.makedirs(os.path.join(a.out, "model", "locale"), exist_ok=True)
    header = ["// Generated by tools/gen_locales.py from assets/locales/en.json: do not edit.",
              "#pragma once", "", "#include <cstddef>", "#include <cstdint>", "", "namespace roster {", "",
              "enum class Msg : std::uint16_t {"]
    header += ["  %s," % i for i in idents]
    header += ["};", "", "constexpr std::size_t kMsgCount = %d;" % len(keys), "",
               "}  // namespace roster", ""]
    write_if_changed(os.path.join(a.out, "model", "locale", "msg_keys.h"), "\n".join(header))

    entries = [(tag, tag, tag) for tag in tags]
    if a.pseudo:
        entries.append(("en-XA", "en", None))
    src = ["// Generated by tools/gen_locales.py from CLDR and assets/locales: do not edit.",
           '#include "model/locale/locale_data.h"', '#include "model/locale/msg_keys.h"', "", "namespace roster {", "", "namespace {", ""]
    samples = {}
    for tag, lang, _ in entries:
        ident = tag.replace("-", "_")
        if tag == "en-XA":
            src.append("PluralCategory plural_%s(std::int64_t n) { return plural_en(n); }" % ident)
            src.append("")
            continue
        src.append("PluralCategory plural_%s(std::int64_t n) {" % ident)
        src.append("  if (n < 0) n = -n;")
        rules = plural_rules(a.cldr, lang)
        samples[tag] = [(cat, integer_samples(text)) for cat, text in rules]
        for cat, text in rules:
            if cat != "other":
                src.append("  if (%s) return PluralCategory::%s;" % (plural_condition(text), cat.capitalize()))
        src.append("  return PluralCategory::Other;")
        src.append("}")
        src.append("")

    for tag, lang, cat_tag in entries:
        ident = tag.replace("-", "_")
        d = locale_data(a.cldr, lang)
        src.append("const char* const kMessages_%s[kMsgCount * kPluralCategoryCount] = {" % ident)
        for key in keys:
            if cat_tag is None:
                v = catalogs["en"][key]
                v = {k: pseudo(t) for k, t in v.items()} if isinstance(v, dict) else pseudo(v)
            else:
                v = catalogs[cat_tag].get(key)
            forms = [None] * 6
            if isinstance(v, dict):
                for k, t in v.items():
                    if k not in CATEGORIES:
                        sys.exit("gen_locales: %s.json %s: '%s' is not a plural category" % (tag, key, k))
                    forms[CATEGORIES.index(k)] = t
            elif v is not None:
                forms[5] = v
            src.append("    " + ", ".join(c_str(f) for f in forms) + ",  // " + key)
        src.append("};")
        src.append("")
        samp = samples.get(lang if tag == "en-XA" else tag, [])
        src.append("const PluralSample kSamples_%s[] = {" % ident)
        for cat, nums in samp:
            for n in nums:
                src.append("    {%d, PluralCategory::%s}," % (n, cat.capitalize()))
        src.append("    {-1, PluralCategory::Other}};")
        src.append("")
        d["ident"] = ident
        d["tag"] = tag
        if tag == "en-XA":
            d["native"] = pseudo("English")
        entries_data = d
        src.append("const LocaleData kLocale_%s = {" % ident)
        src.append("    %s, %s, %s, %s," % (c_str(tag), c_str(entries_data["native"]), c_str(d["decimal"]),
                                            c_str(d["group"])))
        for k in ("months_abbr", "months_wide", "days_abbr", "days_wide"):
            src.append("    {" + ", ".join(c_str(x) for x in d[k]) + "},")
        src.append("    %s, %s, %s," % (c_str(d["md"]), c_str(d["ymd"]), c_str(d["hm"])))
        src.append("    {")
        for unit in UNITS:
            src.append("        {")
            for tense in ("past", "future"):
                forms = d["relative"][(unit, tense)]
                src.append("            {" + ", ".join(c_str(forms.get(c)) for c in CATEGORIES) + "},")
            src.append("        },")
        src.append("    },")
        src.append("    plural_%s, kMessages_%s, kSamples_%s};" % (ident, ident, ident))
        src.append("")
    src.append("const LocaleData* const kAll[] = {" + ", ".join("&kLocale_" + t.replace("-", "_")
                                                            for t, _, _ in entries) + "};")
    src.append("")
    src.append("}  // namespace")
    src.append("")
    src.append("const char* const kMsgKeyNames[kMsgCount] = {")
    src += ["    %s," % c_str(k) for k in keys]
    src.append("};")
    src.append("")
    src.append("const LocaleData* const* shipped_locales_begin() { return kAll; }")
    src.append("std::size_t shipped_locale_count() { return %d; }" % len(entries))
    src.append("")
    src.append("}  // namespace roster")
    src.append("")
    write_if_changed(os.path.join(a.out, "locale_tables.cpp"), "\n".join(src))


def write_if_changed(path, text):
    """Unchanged output keeps its time stamp: nothing that includes it builds again."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
