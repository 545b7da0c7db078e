package lab

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Report is the exported record of a finished (or abandoned) lab.
type Report struct {
	Lab       string       `json:"lab"`
	Title     string       `json:"title"`
	Account   string       `json:"account"`
	Started   time.Time    `json:"started"`
	Finished  *time.Time   `json:"finished,omitempty"`
	Duration  string       `json:"duration"`
	HintsUsed int          `json:"hintsUsed"`
	Done      int          `json:"stepsDone"`
	Total     int          `json:"stepsTotal"`
	Steps     []ReportStep `json:"steps"`
}

// ReportStep is one line of the report's checklist.
type ReportStep struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Done  bool   `json:"done"`
	Hints int    `json:"hints"`
}

// report builds the Report from the panel's state in the session's language.
func (p *Panel) report() Report {
	lang := string(p.c.L.Lang())
	r := Report{Lab: p.lab.ID, Title: p.lab.Title.In(lang), Account: p.account, Started: p.progress.Started,
		Finished: p.progress.Finished, HintsUsed: p.progress.HintsUsed, Done: p.Done(), Total: len(p.steps)}
	end := p.opts.Now()
	if r.Finished != nil {
		end = *r.Finished
	}
	r.Duration = end.Sub(r.Started).Round(time.Second).String()
	for i, s := range p.steps {
		r.Steps = append(r.Steps, ReportStep{ID: s.ID, Title: s.Title.In(lang), Done: i < len(p.results) && p.results[i].Pass, Hints: p.progress.Hints[s.ID]})
	}
	return r
}

// Markdown renders the report as a Markdown document.
func (r Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.Title)
	fmt.Fprintf(&b, "- Account: %s\n- Started: %s\n- Time taken: %s\n- Hints used: %d\n- Steps done: %d/%d\n\n", r.Account, r.Started.UTC().Format(time.RFC3339), r.Duration, r.HintsUsed, r.Done, r.Total)
	for _, s := range r.Steps {
		mark := " "
		if s.Done {
			mark = "x"
		}
		fmt.Fprintf(&b, "- [%s] %s %s", mark, s.ID, s.Title)
		if s.Hints > 0 {
			fmt.Fprintf(&b, " (hints: %d)", s.Hints)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// WriteFile writes the report to path: JSON when it ends in .json, Markdown otherwise.
func (r Report) WriteFile(path string) error {
	var data []byte
	if strings.EqualFold(filepath.Ext(path), ".json") {
		var err error
		if data, err = json.MarshalIndent(r, "", "  "); err != nil {
			return err
		}
	} else {
		data = []byte(r.Markdown())
	}
	return os.WriteFile(path, data, 0o644)
}
