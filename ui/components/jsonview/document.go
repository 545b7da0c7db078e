package jsonview

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/labconsole/labconsole/ui/components/cells"
)

// kind is a token kind; each has a style in theme.JSONStyles.
type kind uint8

const (
	kSpace kind = iota
	kPunct
	kKey
	kString
	kNumber
	kBool
	kNull
	kText // a line of a document that is not valid JSON
)

// span is a run of one kind ending at byte end of the document's text.
type span struct {
	end  int32
	kind kind
}

// Document is a JSON document formatted once into lines of coloured spans. All lines
// share one string and one span slice, so a 5 MB document is a few large allocations
// rather than a hundred thousand small ones, and the viewer slices out only the lines
// on screen. A Document is immutable and can be built off the UI goroutine.
type Document struct {
	text      string
	lineStart []int32 // byte offset of each line in text, plus the end
	spanStart []int32 // index in spans of each line's first span, plus the end
	spans     []span
	maxWidth  int  // widest line in cells, for horizontal scrolling
	empty     bool // nothing but white space was given

	Err       error // the syntax error when the input is not valid JSON
	ErrLine   int   // 1-based position of the error
	ErrColumn int
}

// Lines is the number of lines.
func (d *Document) Lines() int { return len(d.lineStart) - 1 }

// Empty reports whether the document had no content.
func (d *Document) Empty() bool { return d.empty }

// line returns line i's text and its spans with ends relative to the line.
func (d *Document) line(i int) (string, []span) {
	s, e := d.lineStart[i], d.lineStart[i+1]
	sp := d.spans[d.spanStart[i]:d.spanStart[i+1]]
	out := make([]span, len(sp))
	for j, x := range sp {
		out[j] = span{end: x.end - s, kind: x.kind}
	}
	return d.text[s:e], out
}

// Parse formats raw: pretty-printed with two-space indents and coloured by token when
// it is valid JSON, else its lines as plain text with the error's position. It does
// the only work proportional to the document's size, so a screen with a large
// document calls it inside a tea.Cmd and hands the result to SetDocument.
func Parse(raw []byte) *Document {
	b := &builder{}
	b.newline()
	if len(bytes.TrimSpace(raw)) == 0 {
		d := b.done()
		d.empty = true
		return d
	}
	if !json.Valid(raw) {
		return b.raw(raw)
	}
	b.buf = make([]byte, 0, len(raw)+len(raw)/2)
	b.spans = make([]span, 0, len(raw)/8)
	b.format(raw)
	return b.done()
}

// builder accumulates the formatted document.
type builder struct {
	buf       []byte
	lineStart []int32
	spanStart []int32
	spans     []span
	indent    int
	maxWidth  int
}

func (b *builder) newline() {
	if n := len(b.lineStart); n > 0 {
		b.measure(b.lineStart[n-1])
	}
	b.lineStart = append(b.lineStart, int32(len(b.buf)))
	b.spanStart = append(b.spanStart, int32(len(b.spans)))
	if b.indent > 0 {
		for range b.indent {
			b.buf = append(b.buf, "  "...)
		}
		b.mark(kSpace)
	}
}

// measure records the width of the line that starts at byte from. Lines of ASCII,
// most of a CloudTrail record, are measured by their length.
func (b *builder) measure(from int32) {
	line := b.buf[from:]
	w := len(line)
	if w <= b.maxWidth {
		return // no line is wider than its bytes
	}
	for _, c := range line {
		if c < 0x20 || c > 0x7e {
			w = cells.Width(string(line))
			break
		}
	}
	b.maxWidth = max(b.maxWidth, w)
}

// emit appends s as a token of kind k.
func (b *builder) emit(k kind, s string) {
	b.buf = append(b.buf, s...)
	b.mark(k)
}

// emitBytes is emit for a slice of the input, without a string copy.
func (b *builder) emitBytes(k kind, s []byte) {
	b.buf = append(b.buf, s...)
	b.mark(k)
}

// mark ends a span of kind k at the end of the buffer.
func (b *builder) mark(k kind) {
	if n := len(b.spans); n > 0 && b.spans[n-1].kind == k && int(b.spanStart[len(b.spanStart)-1]) < n {
		b.spans[n-1].end = int32(len(b.buf)) // extend the line's last span
		return
	}
	b.spans = append(b.spans, span{end: int32(len(b.buf)), kind: k})
}

func (b *builder) done() *Document {
	b.measure(b.lineStart[len(b.lineStart)-1])
	b.lineStart = append(b.lineStart, int32(len(b.buf)))
	b.spanStart = append(b.spanStart, int32(len(b.spans)))
	return &Document{text: string(b.buf), lineStart: b.lineStart, spanStart: b.spanStart, spans: b.spans, maxWidth: b.maxWidth}
}

// format pretty-prints raw, which json.Valid accepted, so the scanner can trust it.
func (b *builder) format(raw []byte) {
	n := len(raw)
	for i := 0; i < n; {
		switch c := raw[i]; c {
		case ' ', '\t', '\n', '\r':
			i++
		case '{', '[':
			j := skipSpace(raw, i+1)
			if j < n && (raw[j] == '}' || raw[j] == ']') { // empty: {} or []
				b.emitBytes(kPunct, []byte{c, raw[j]})
				i = j + 1
				continue
			}
			b.emitBytes(kPunct, raw[i:i+1])
			b.indent++
			b.newline()
			i++
		case '}', ']':
			b.indent--
			b.newline()
			b.emitBytes(kPunct, raw[i:i+1])
			i++
		case ',':
			b.emit(kPunct, ",")
			b.newline()
			i++
		case ':':
			b.emit(kPunct, ":")
			b.emit(kSpace, " ")
			i++
		case '"':
			j := stringEnd(raw, i)
			k := kString
			if after := skipSpace(raw, j); after < n && raw[after] == ':' {
				k = kKey
			}
			b.emitBytes(k, raw[i:j])
			i = j
		case 't':
			b.emit(kBool, "true")
			i += 4
		case 'f':
			b.emit(kBool, "false")
			i += 5
		case 'n':
			b.emit(kNull, "null")
			i += 4
		default: // a number
			j := i
			for j < n && strings.IndexByte("+-0123456789.eE", raw[j]) >= 0 {
				j++
			}
			b.emitBytes(kNumber, raw[i:j])
			i = j
		}
	}
}

// stringEnd returns the index just past the string that starts at raw[i] == '"'.
func stringEnd(raw []byte, i int) int {
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(raw)
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// raw makes a plain-text document of invalid input, with the position of the error.
func (b *builder) raw(raw []byte) *Document {
	var v json.RawMessage
	err := json.Unmarshal(raw, &v)
	if err == nil { // json.Valid and Unmarshal disagree only on empty input
		err = errors.New("unexpected end of JSON input")
	}
	offset := int64(len(raw))
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = se.Offset
	}
	text := strings.ToValidUTF8(string(raw), "\uFFFD")
	for i, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if i > 0 {
			b.newline()
		}
		b.emit(kText, cells.SingleLine(strings.ReplaceAll(l, "\t", "    ")))
	}
	d := b.done()
	d.Err = err
	d.ErrLine, d.ErrColumn = position(raw, offset)
	return d
}

// position turns a byte offset into a 1-based line and column (in runes).
func position(raw []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(raw)))
	before := string(raw[:offset])
	line = strings.Count(before, "\n") + 1
	last := strings.LastIndexByte(before, '\n')
	col = len([]rune(before[last+1:]))
	return line, max(col, 1)
}
