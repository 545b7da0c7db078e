package iam

import (
	"sync"
	"time"
)

// IAM is eventually consistent: "changes that you make are not always immediately
// visible", so a call that follows a create may not find what was just created
// (NoSuchEntity), a new access key is at first refused (InvalidClientTokenId), a new
// console password does not sign in yet, and a new membership or attachment does
// not grant yet. With a propagation delay set (sim.Options.IAMPropagationDelay),
// every entity a request creates or changes stays invisible to later requests for
// that long in real time. The state is written at once; only lookups from other
// requests are affected, and in-process set-up (seeding, scenarios, AddAccessKey)
// is visible at once.

// propagation tracks, per entity, the wall-clock time it becomes visible.
type propagation struct {
	mu      sync.Mutex
	delay   time.Duration
	now     func() time.Time
	visible map[string]time.Time
}

// SetPropagationDelay turns simulated eventual consistency on (d > 0) or off.
func (s *Service) SetPropagationDelay(d time.Duration) {
	p := &s.prop
	p.mu.Lock()
	defer p.mu.Unlock()
	p.delay = max(d, 0)
	if p.now == nil {
		p.now = time.Now
	}
	p.visible = nil
}

// propagate marks entities as just created or changed.
func (s *Service) propagate(keys ...string) {
	p := &s.prop
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.delay <= 0 {
		return
	}
	now := p.now()
	if p.visible == nil {
		p.visible = map[string]time.Time{}
	}
	for k, at := range p.visible {
		if !now.Before(at) {
			delete(p.visible, k) // visible by now: forget it
		}
	}
	for _, k := range keys {
		p.visible[k] = now.Add(p.delay)
	}
}

// propagating reports whether the entity is still invisible to other requests.
func (s *Service) propagating(key string) bool {
	p := &s.prop
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.visible) == 0 {
		return false
	}
	at, ok := p.visible[key]
	return ok && p.now().Before(at)
}

// Entity keys.
func userKey(name string) string                  { return "user/" + name }
func groupKey(name string) string                 { return "group/" + name }
func loginProfileKey(user string) string          { return "login/" + user }
func accessKeyKey(id string) string               { return "key/" + id }
func memberKey(group, userID string) string       { return "member/" + group + "/" + userID }
func userAttachmentKey(userID, arn string) string { return "attach/user/" + userID + "/" + arn }
func groupAttachmentKey(group, arn string) string { return "attach/group/" + group + "/" + arn }

// attachmentKey is the key of a managed policy attached to h.
func attachmentKey(h holder, arn string) string {
	if h.resourceTy == "AWS::IAM::Group" {
		return groupAttachmentKey(h.name, arn)
	}
	return userAttachmentKey(h.id, arn)
}

// propagatingDocument reports whether d reaches the user only through a membership
// or an attachment that is still propagating.
func (s *Service) propagatingDocument(userID string, d PolicyDocument) bool {
	if d.Arn == "" && d.Group == "" {
		return false
	}
	if d.Group != "" {
		if s.propagating(memberKey(d.Group, userID)) {
			return true
		}
		return d.Arn != "" && s.propagating(groupAttachmentKey(d.Group, d.Arn))
	}
	return s.propagating(userAttachmentKey(userID, d.Arn))
}
