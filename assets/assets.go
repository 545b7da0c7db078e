// Package assets embeds the data labconsole ships: AWS managed policy documents (as
// AWS publishes them, so the simulator evaluates the real policies) and, later, lab
// definitions and scenario activity.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"
)

//go:embed policies/*.json
var policyFiles embed.FS

// ManagedPolicy is an AWS managed policy with its published metadata and document.
type ManagedPolicy struct {
	PolicyName       string
	Arn              string
	PolicyID         string `json:"PolicyId"`
	Path             string
	DefaultVersionID string `json:"DefaultVersionId"`
	Description      string
	CreateDate       time.Time `json:"-"`
	UpdateDate       time.Time `json:"-"`
	Document         string    `json:"-"`
	File             string    `json:"file"`
	PolicyCreateDate string
	PolicyUpdateDate string
	// VersionCreateDate is when the default version was published.
	VersionCreateDate string
	VersionDate       time.Time `json:"-"`
	// StillPublished is false for policies AWS has withdrawn (AWSCloudTrailReadOnlyAccess):
	// IAM no longer lists or attaches them, though old attachments keep working.
	StillPublished bool
}

var (
	policiesOnce sync.Once
	policies     []ManagedPolicy
	policiesErr  error
)

// ManagedPolicies returns the shipped AWS managed policies sorted by name. The slice
// is shared and must not be modified.
func ManagedPolicies() ([]ManagedPolicy, error) {
	policiesOnce.Do(func() { policies, policiesErr = loadPolicies() })
	return policies, policiesErr
}

func loadPolicies() ([]ManagedPolicy, error) {
	raw, err := policyFiles.ReadFile("policies/_index.json")
	if err != nil {
		return nil, err
	}
	var index struct {
		Policies map[string]ManagedPolicy `json:"policies"`
	}
	if err := json.Unmarshal(raw, &index); err != nil {
		return nil, fmt.Errorf("assets/policies/_index.json: %w", err)
	}
	var out []ManagedPolicy
	for name, p := range index.Policies {
		if p.File == "" {
			continue // metadata only (e.g. ReadOnlyAccess), no document shipped
		}
		doc, err := policyFiles.ReadFile("policies/" + name + ".json")
		if err != nil {
			return nil, fmt.Errorf("assets: policy %s: %w", name, err)
		}
		var check any
		if err := json.Unmarshal(doc, &check); err != nil {
			return nil, fmt.Errorf("assets/policies/%s.json: %w", name, err)
		}
		p.Document = string(doc)
		p.CreateDate, _ = time.Parse(time.RFC3339, p.PolicyCreateDate)
		p.UpdateDate, _ = time.Parse(time.RFC3339, p.PolicyUpdateDate)
		p.VersionDate, _ = time.Parse(time.RFC3339, p.VersionCreateDate)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PolicyName < out[j].PolicyName })
	return out, nil
}

// ManagedPolicy returns the shipped policy with this name.
func ManagedPolicyByName(name string) (ManagedPolicy, bool) {
	ps, err := ManagedPolicies()
	if err != nil {
		return ManagedPolicy{}, false
	}
	for _, p := range ps {
		if p.PolicyName == name {
			return p, true
		}
	}
	return ManagedPolicy{}, false
}
