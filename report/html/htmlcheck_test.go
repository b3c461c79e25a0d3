package html

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// voids are HTML's void elements: no end tag.
var voids = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// attrRE is one attribute as the site writes them: a name, and a value
// in double quotes if any.
var attrRE = regexp.MustCompile(`^\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(="[^"<]*")?`)

// checkHTML checks a page of the site with HTML5's tokenizer: a doctype
// first, every element but the void ones closed in order, attributes
// quoted and not repeated, ids unique, and every link to a page of the
// site or an id of this page leading somewhere. It returns the parsed
// document.
func checkHTML(t *testing.T, name string, data []byte, files map[string][]byte) *xhtml.Node {
	t.Helper()
	problems, doc := lint(name, data, files)
	for _, p := range problems {
		t.Error(p)
	}
	if doc == nil {
		t.FailNow()
	}
	return doc
}

// lint lists what is wrong with a page (see checkHTML) and parses it.
func lint(name string, data []byte, files map[string][]byte) ([]string, *xhtml.Node) {
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	z := xhtml.NewTokenizer(bytes.NewReader(data))
	var stack []string
	ids := map[string]bool{}
	var hrefs []string
	first := true
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				errorf("%s: %v", name, err)
			}
			break
		}
		raw := string(z.Raw())
		if first && tt != xhtml.TextToken {
			if tt != xhtml.DoctypeToken || !strings.EqualFold(raw, "<!DOCTYPE html>") {
				errorf("%s: starts with %q, not <!DOCTYPE html>", name, raw)
			}
			first = false
		}
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			if tt == xhtml.SelfClosingTagToken && !voids[tok.Data] {
				errorf("%s: <%s/> is not a void element", name, tok.Data)
			}
			rest := strings.TrimSuffix(strings.TrimSuffix(raw[1+len(tok.Data):], ">"), "/")
			for rest != "" && strings.TrimSpace(rest) != "" {
				m := attrRE.FindString(rest)
				if m == "" {
					errorf("%s: <%s>: malformed or unquoted attribute at %q", name, tok.Data, rest)
					break
				}
				rest = rest[len(m):]
			}
			seen := map[string]bool{}
			for _, a := range tok.Attr {
				if seen[a.Key] {
					errorf("%s: <%s> repeats %s", name, tok.Data, a.Key)
				}
				seen[a.Key] = true
				switch a.Key {
				case "id":
					if ids[a.Val] {
						errorf("%s: id %q twice", name, a.Val)
					}
					ids[a.Val] = true
				case "href", "src":
					hrefs = append(hrefs, a.Val)
				}
			}
			if !voids[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case xhtml.EndTagToken:
			tok := z.Token()
			if voids[tok.Data] {
				errorf("%s: </%s> closes a void element", name, tok.Data)
				continue
			}
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				errorf("%s: </%s> does not close the open element (open: %v)", name, tok.Data, stack)
				return problems, nil
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		errorf("%s: elements left open: %v", name, stack)
	}
	for _, h := range hrefs {
		u, err := url.Parse(h)
		if err != nil {
			errorf("%s: link %q: %v", name, h, err)
			continue
		}
		if u.Scheme != "" || u.Host != "" {
			errorf("%s: link %q leaves the site", name, h)
			continue
		}
		if u.Path != "" {
			target := path.Join(path.Dir(name), u.Path)
			if _, ok := files[target]; !ok {
				errorf("%s: link %q: no file %s in the site", name, h, target)
			}
			continue
		}
		// A fragment of this page; on the index, fragments are filters.
		if f := u.Fragment; f != "" && !strings.Contains(f, "=") && !ids[f] {
			errorf("%s: link %q: no such id", name, h)
		}
	}
	doc, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil {
		errorf("%s: %v", name, err)
		return problems, nil
	}
	return problems, doc
}

// elements returns the elements of a document that have the tag name and
// (if class is not "") the class.
func elements(n *xhtml.Node, tag, class string) []*xhtml.Node {
	var out []*xhtml.Node
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == tag && (class == "" || hasClass(n, class)) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *xhtml.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func text(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestLint makes sure the checks of checkHTML find what they look for.
func TestLint(t *testing.T) {
	files := map[string][]byte{"index.html": nil}
	for _, c := range []struct{ page, want string }{
		{`<!DOCTYPE html><html><body><p>ok</p><br><img src="index.html" alt=""></body></html>`, ""},
		{`<html><body></body></html>`, "not <!DOCTYPE html>"},
		{`<!DOCTYPE html><html><body><div><p>x</div></body></html>`, "does not close"},
		{`<!DOCTYPE html><html><body><p class=x>x</p></body></html>`, "unquoted"},
		{`<!DOCTYPE html><html><body><p id="a">x</p><p id="a"></p></body></html>`, "id \"a\" twice"},
		{`<!DOCTYPE html><html><body><div/></body></html>`, "not a void element"},
		{`<!DOCTYPE html><html><body><a href="nowhere.html">x</a><a href="#gone">y</a></body></html>`, "no file nowhere.html"},
		{`<!DOCTYPE html><html><body><a href="#gone">y</a></body></html>`, "no such id"},
		{`<!DOCTYPE html><html><body><a href="https://example.org/">y</a></body></html>`, "leaves the site"},
		{`<!DOCTYPE html><html><body><main>`, "left open"},
	} {
		problems, _ := lint("index.html", []byte(c.page), files)
		got := strings.Join(problems, "; ")
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.page, got, c.want)
		}
	}
}
