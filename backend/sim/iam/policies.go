package iam

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// MaxCustomerPolicies is IAM's customer-managed-policies-per-account quota.
const MaxCustomerPolicies = 1500

type listPoliciesInput struct {
	Scope             *string
	OnlyAttached      *bool
	PathPrefix        *string
	PolicyUsageFilter *string
	Marker            *string
	MaxItems          *int
}

type listPoliciesOutput struct {
	Policies    []Policy
	IsTruncated bool
	Marker      *string
}

type policyArnInput struct{ PolicyArn string }

type getPolicyOutput struct{ Policy *Policy }

type getPolicyVersionInput struct {
	PolicyArn string
	VersionId string
}

// PolicyVersion is IAM's PolicyVersion shape; Document is URL-encoded on the wire.
type PolicyVersion struct {
	Document         string
	VersionId        string
	IsDefaultVersion bool
	CreateDate       time.Time
}

type getPolicyVersionOutput struct{ PolicyVersion *PolicyVersion }

type createPolicyInput struct {
	PolicyName     string
	Path           *string
	PolicyDocument string
	Description    *string
	Tags           []Tag
}

type createPolicyOutput struct{ Policy *Policy }

// listPolicies answers the console's "Policies" list and the "Attach permissions
// policies" picker: AWS managed and customer managed policies by Scope, optionally
// only those attached somewhere, paged by name.
func (s *Service) listPolicies(c *service.Call, in *listPoliciesInput) (*listPoliciesOutput, error) {
	scope := model.PolicyScopeAll
	if in.Scope != nil {
		switch v := model.PolicyScope(*in.Scope); v {
		case model.PolicyScopeAll, model.PolicyScopeAWS, model.PolicyScopeLocal:
			scope = v
		default:
			return nil, validationEnum(*in.Scope, "scope", "All, AWS, Local")
		}
	}
	if in.PolicyUsageFilter != nil && *in.PolicyUsageFilter != "PermissionsPolicy" && *in.PolicyUsageFilter != "PermissionsBoundary" {
		return nil, validationEnum(*in.PolicyUsageFilter, "policyUsageFilter", "PermissionsPolicy, PermissionsBoundary")
	}
	prefix := "/"
	if in.PathPrefix != nil && *in.PathPrefix != "" {
		if err := model.ValidatePolicyPath(*in.PathPrefix); err != nil {
			return nil, validationFrom(err)
		}
		prefix = *in.PathPrefix
	}
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	if err := c.Authorize("iam:ListPolicies", fmt.Sprintf("arn:aws:iam::%s:policy%s", s.account, prefix)); err != nil {
		return nil, err
	}
	all, err := s.catalog(c.Ctx, scope, prefix)
	if err != nil {
		return nil, err
	}
	counts, err := attachmentCounts(c.Ctx, s.db.SQL())
	if err != nil {
		return nil, err
	}
	kept := all[:0]
	for _, mp := range all {
		mp.AttachmentCount = counts[mp.Arn]
		if in.OnlyAttached != nil && *in.OnlyAttached && mp.AttachmentCount == 0 {
			continue
		}
		kept = append(kept, mp)
	}
	page, truncated, marker := pageSlice(kept, policySortKey, p)
	out := &listPoliciesOutput{Policies: make([]Policy, len(page)), IsTruncated: truncated, Marker: marker}
	for i, mp := range page {
		out.Policies[i] = mp.Policy
	}
	return out, nil
}

func validatePolicyArn(arn string) error {
	if len(arn) < 20 || len(arn) > 2048 {
		return service.ValidationError("1 validation error detected: Value '%s' at 'policyArn' failed to satisfy constraint: Member must have length greater than or equal to 20", arn)
	}
	return nil
}

// getPolicy answers a policy's summary, with its description and attachment count.
func (s *Service) getPolicy(c *service.Call, in *policyArnInput) (*getPolicyOutput, error) {
	if err := validatePolicyArn(in.PolicyArn); err != nil {
		return nil, err
	}
	if err := c.Authorize("iam:GetPolicy", in.PolicyArn); err != nil {
		return nil, err
	}
	mp, err := s.policyByArn(c.Ctx, s.db.SQL(), in.PolicyArn)
	if err != nil {
		return nil, err
	}
	pol := mp.Policy
	if mp.descriptionOf != "" {
		d := mp.descriptionOf
		pol.Description = &d
	}
	return &getPolicyOutput{Policy: &pol}, nil
}

// getPolicyVersion answers the document of a policy version, URL-encoded as IAM
// sends it. Only the default version is kept.
func (s *Service) getPolicyVersion(c *service.Call, in *getPolicyVersionInput) (*getPolicyVersionOutput, error) {
	if err := validatePolicyArn(in.PolicyArn); err != nil {
		return nil, err
	}
	if in.VersionId == "" {
		return nil, service.ValidationError("1 validation error detected: Value null at 'versionId' failed to satisfy constraint: Member must not be null")
	}
	if err := c.Authorize("iam:GetPolicyVersion", in.PolicyArn); err != nil {
		return nil, err
	}
	mp, err := s.policyByArn(c.Ctx, s.db.SQL(), in.PolicyArn)
	if err != nil {
		return nil, err
	}
	if in.VersionId != mp.DefaultVersionId {
		return nil, noSuchPolicyVersion(in.PolicyArn, in.VersionId)
	}
	return &getPolicyVersionOutput{PolicyVersion: &PolicyVersion{
		Document: encodeDocument(mp.Document), VersionId: mp.DefaultVersionId, IsDefaultVersion: true, CreateDate: mp.VersionDate,
	}}, nil
}

// createPolicy creates a customer managed policy (version v1), checked by the policy
// engine and required to be version 2012-10-17 as IAM requires of managed policies.
func (s *Service) createPolicy(c *service.Call, in *createPolicyInput) (*createPolicyOutput, error) {
	path := "/"
	if in.Path != nil {
		path = *in.Path
	}
	var errs model.Errors
	errs.Add(model.ValidatePolicyName(in.PolicyName))
	errs.Add(model.ValidatePolicyPath(path))
	errs.Add(model.ValidatePolicyDocument(in.PolicyDocument))
	if in.Description != nil && len([]rune(*in.Description)) > 1000 {
		return nil, service.ValidationError("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000")
	}
	if err := errs.Err(); err != nil {
		return nil, validationFrom(err)
	}
	arn := s.localPolicyArn(path, in.PolicyName)
	if err := c.Authorize("iam:CreatePolicy", arn); err != nil {
		return nil, err
	}
	doc, err := malformedPolicy(in.PolicyDocument)
	if err != nil {
		return nil, err
	}
	if err := doc.RequireVersion2012(); err != nil {
		return nil, protocol.NewError(400, "MalformedPolicyDocument", err.Error())
	}
	now := c.Now.Truncate(time.Second)
	mp := managedPolicy{Policy: Policy{PolicyName: in.PolicyName, PolicyId: NewPolicyID(), Arn: arn, Path: path,
		DefaultVersionId: "v1", IsAttachable: true, CreateDate: now, UpdateDate: now}}
	description := ""
	if in.Description != nil {
		description = *in.Description
		mp.Description = in.Description
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Policy", Name: arn}}
	err = s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_policies`).Scan(&n); err != nil {
			return err
		}
		if n >= MaxCustomerPolicies {
			return quotaExceeded("PoliciesPerAccount", MaxCustomerPolicies)
		}
		var existing string
		err := tx.QueryRow(`SELECT name FROM iam_policies WHERE name = ?`, in.PolicyName).Scan(&existing)
		if err == nil {
			return protocol.Errorf(409, "EntityAlreadyExists", "A policy called %s already exists. Duplicate names are not allowed.", in.PolicyName)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(`INSERT INTO iam_policies(`+localPolicyColumns+`) VALUES(?,?,?,?,?,?,?,?)`,
			arn, mp.PolicyId, in.PolicyName, path, description, in.PolicyDocument, now.UnixMilli(), now.UnixMilli())
		return err
	})
	if err != nil {
		return nil, err
	}
	return &createPolicyOutput{Policy: &mp.Policy}, nil
}

// deletePolicy deletes a customer managed policy that is attached nowhere.
func (s *Service) deletePolicy(c *service.Call, in *policyArnInput) (*struct{}, error) {
	if err := validatePolicyArn(in.PolicyArn); err != nil {
		return nil, err
	}
	if err := c.Authorize("iam:DeletePolicy", in.PolicyArn); err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Policy", Name: in.PolicyArn}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		if _, ok := awsPolicy(in.PolicyArn); ok {
			return protocol.NewError(400, "InvalidInput", "Cannot delete an AWS managed policy.") // UNVERIFIED wording
		}
		n, err := attachmentCount(c.Ctx, tx, in.PolicyArn)
		if err != nil {
			return err
		}
		if n > 0 {
			return protocol.NewError(409, "DeleteConflict", "Cannot delete a policy attached to entities.")
		}
		res, err := tx.Exec(`DELETE FROM iam_policies WHERE arn = ?`, in.PolicyArn)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return noSuchPolicy(in.PolicyArn)
		}
		return nil
	})
}
