package scenario

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// instanceConnectSpec names EC2 Instance Connect for the recorder. The simulator
// does not serve that API (nothing in the labs calls it but the console's "Connect"
// button), so its event is recorded directly, with the service's own event source
// and the Administrator as the caller, as the console's call would be.
var instanceConnectSpec = &protocol.Spec{SigningName: "ec2-instance-connect"}

// recordInstanceConnect records the SendSSHPublicKey call the console makes when
// the student clicks Connect on al-ec2: a one-time key pushed for ec2-user.
func recordInstanceConnect(ctx context.Context, t Target, instanceID string) error {
	admin := t.AdminCredentials()
	cred, ok := t.IAM().LookupCredential(ctx, admin.AccessKeyID)
	if !ok {
		return errors.New("the administrator's access key is unknown")
	}
	var key [32]byte
	_, _ = rand.Read(key[:])
	var id [16]byte
	_, _ = rand.Read(id[:])
	h := hex.EncodeToString(id[:])
	call := &service.Call{
		Ctx:       ctx,
		Req:       &protocol.Request{Kind: protocol.JSON11, Operation: "SendSSHPublicKey"},
		Spec:      instanceConnectSpec,
		Account:   cred.Principal.Account,
		Region:    t.Region(),
		Principal: cred.Principal,
		RequestID: h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32],
		Now:       t.Clock().Now(),
		SourceIP:  "127.0.0.1",
		UserAgent: consoleUserAgent,
		Record: service.RecordHints{
			EventSource: "ec2-instance-connect.amazonaws.com",
			RequestParameters: map[string]any{
				"instanceId":     instanceID,
				"instanceOSUser": "ec2-user",
				"sSHPublicKey":   "ssh-ed25519 " + base64.StdEncoding.EncodeToString(key[:]),
			},
			ResponseElements: map[string]any{"success": true},
		},
	}
	call.SkipAuthorization()
	t.Recorder().Record(call, instanceConnectSpec, nil)
	return nil
}
