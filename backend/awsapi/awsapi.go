// Package awsapi is the only implementation of backend.Backend: aws-sdk-go-v2 clients.
// Real-AWS mode loads the default credential chain; simulator mode is the same code
// with the simulator's transport and endpoint, so every simulator test also tests the
// real-AWS code path.
package awsapi

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/labconsole/labconsole/backend"
)

// Backend talks to AWS (or the simulator) through the SDK.
type Backend struct {
	info       backend.Info
	iam        *iam.Client
	sts        *sts.Client
	s3         *s3.Client
	cloudtrail *cloudtrail.Client
	cloudwatch *cloudwatch.Client
	sns        *sns.Client
	logs       *cloudwatchlogs.Client
	kms        *kms.Client
	// sim is how this Backend reached the simulator, for console sign-in and
	// sign-out (iam_session.go); nil on real AWS.
	sim *SimOptions
	// lookups paces LookupEvents and recent remembers the IAM entities created
	// through this Backend (pacing.go, consistency.go); copies and signed-in
	// Backends of the same account share them.
	lookups *pacer
	recent  *recent
}

var _ backend.Backend = (*Backend)(nil)

// SimulatorEndpoint is the base URL the in-process transport answers for. No socket
// is opened; the host only has to be stable for signing.
const SimulatorEndpoint = "http://sim.labconsole.internal"

// SimOptions connect to a simulator, in process (Transport) or over HTTP (Endpoint).
type SimOptions struct {
	Transport       http.RoundTripper // nil: use a real HTTP client against Endpoint
	Endpoint        string            // SimulatorEndpoint when Transport is set and Endpoint is empty
	Region          string
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string // console session credentials (SignIn); "" for an access key
}

// NewSimulator returns a Backend on a simulator. It builds aws.Config by hand, not
// through config.LoadDefaultConfig: with AWS_CA_BUNDLE set in the environment the
// SDK refuses (panics on) a custom HTTP client, and the user's shared config must not
// leak into the simulator anyway.
func NewSimulator(o SimOptions) *Backend {
	endpoint := o.Endpoint
	if endpoint == "" {
		endpoint = SimulatorEndpoint
	}
	var client aws.HTTPClient = &http.Client{}
	if o.Transport != nil {
		client = &http.Client{Transport: o.Transport}
	}
	cfg := aws.Config{
		Region:       o.Region,
		Credentials:  aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(o.AccessKeyID, o.SecretAccessKey, o.SessionToken)),
		HTTPClient:   client,
		BaseEndpoint: aws.String(endpoint),
		Retryer:      func() aws.Retryer { return newRetryer(func() string { return o.AccessKeyID }) },
	}
	b := newBackend(cfg, backend.Info{Mode: backend.ModeSimulator, Region: o.Region, Endpoint: endpoint})
	b.lookups = simPacer(endpoint, o.Region, o.AccessKeyID)
	o.Endpoint = endpoint
	b.sim = &o
	return b
}

// AWSOptions select the real account.
type AWSOptions struct {
	Profile string
	Region  string
}

// NewAWS returns a Backend on a real AWS account through the default credential chain
// (environment, shared config and credentials files, SSO, instance roles).
// AWS_ENDPOINT_URL is honoured by the SDK, which is how CI points this mode at
// `labconsole sim`.
func NewAWS(ctx context.Context, o AWSOptions) (*Backend, error) {
	var opts []func(*config.LoadOptions) error
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	var creds aws.CredentialsProvider
	opts = append(opts, config.WithRetryer(func() aws.Retryer {
		return newRetryer(func() string {
			if creds == nil {
				return ""
			}
			c, err := creds.Retrieve(context.Background())
			if err != nil {
				return ""
			}
			return c.AccessKeyID
		})
	}))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	creds = cfg.Credentials
	if cfg.Region == "" {
		return nil, fmt.Errorf("no AWS region: pass --region or set AWS_REGION / a region in the profile")
	}
	return newBackend(cfg, backend.Info{Mode: backend.ModeAWS, Region: cfg.Region, Profile: o.Profile}), nil
}

func newBackend(cfg aws.Config, info backend.Info) *Backend {
	return &Backend{
		info:    info,
		lookups: newPacer(LookupEventsPerSecond),
		recent:  newRecent(),
		iam:     iam.NewFromConfig(cfg),
		sts:     sts.NewFromConfig(cfg),
		// The simulator answers S3 on one host, so buckets go in the path there; real
		// AWS keeps the SDK's virtual-hosted default.
		s3:         s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = info.Mode == backend.ModeSimulator }),
		cloudtrail: cloudtrail.NewFromConfig(cfg),
		cloudwatch: cloudwatch.NewFromConfig(cfg),
		sns:        sns.NewFromConfig(cfg),
		logs:       cloudwatchlogs.NewFromConfig(cfg),
		kms:        kms.NewFromConfig(cfg),
	}
}

// Info implements backend.Backend.
func (b *Backend) Info() backend.Info { return b.info }
