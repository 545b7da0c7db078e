package trail

import (
	"context"
	"crypto/tls"
	"database/sql"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

// Recorder turns calls into CloudTrail records and stores them. It is safe for
// concurrent use; Record never touches the database.
type Recorder struct {
	db      *store.DB
	account string
	log     *slog.Logger

	mu     sync.Mutex
	buf    []*pending
	closed bool

	writeMu sync.Mutex // one batch at a time, in order

	kick chan struct{}
	stop chan struct{}
	done chan struct{}
}

// pending is a call captured for recording: only references and copies, so the
// router's hook stays cheap; encoding waits for the writer.
type pending struct {
	signing, op  string
	region       string
	principal    service.Principal
	requestID    string
	at           time.Time
	sourceIP     string
	userAgent    string
	tls          *TLSDetails
	input        any
	output       any
	hints        service.RecordHints
	errCode      string
	errMsg       string
	prebuilt     *Record // console sign-in and service events arrive built
	prebuiltUser string
	prebuiltRes  []Resource
	prebuiltMgmt bool
}

// batchSize is how many pending records wake the writer early; flushInterval bounds
// how long a record waits when traffic is light.
const (
	batchSize     = 512
	flushInterval = 200 * time.Millisecond
)

// NewRecorder opens the event store in db and starts the writer. Close stops it.
func NewRecorder(ctx context.Context, db *store.DB, account string, log *slog.Logger) (*Recorder, error) {
	if err := db.Migrate(ctx, "trail", migrations); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Recorder{db: db, account: account, log: log, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go r.run()
	return r, nil
}

// Record captures one finished call (err is what the operation returned, nil on
// success). Calls that failed authentication never reach here: CloudTrail "does not
// deliver logs for requests that fail authentication", while denied calls
// (AccessDenied) are recorded with their error.
func (r *Recorder) Record(c *service.Call, spec *protocol.Spec, err error) {
	if c == nil || spec == nil || c.Record.Skip || c.Req == nil {
		return
	}
	p := &pending{
		signing:   spec.SigningName,
		op:        c.Req.Operation,
		region:    c.Region,
		principal: c.Principal,
		requestID: c.RequestID,
		at:        c.Now,
		sourceIP:  c.SourceIP,
		userAgent: c.UserAgent,
		input:     c.Input,
		output:    c.Output,
		hints:     c.Record,
	}
	// Hints are encoded later, on the writer; copy the maps services fill so a
	// service reusing one cannot change a record after the fact.
	p.hints.AdditionalEventData = copyMap(p.hints.AdditionalEventData)
	if m, ok := p.hints.RequestParameters.(map[string]any); ok {
		p.hints.RequestParameters = copyMap(m)
	}
	if m, ok := p.hints.ResponseElements.(map[string]any); ok {
		p.hints.ResponseElements = copyMap(m)
	}
	if h := c.Req.HTTP; h != nil && h.TLS != nil {
		p.tls = tlsDetails(h.TLS, h.Host)
	}
	if err != nil {
		p.errCode, p.errMsg = errorFields(err)
	}
	r.enqueue(p)
}

func (r *Recorder) enqueue(p *pending) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.buf = append(r.buf, p)
	n := len(r.buf)
	r.mu.Unlock()
	if n >= batchSize {
		select {
		case r.kick <- struct{}{}:
		default:
		}
	}
}

// errorFields are the record's errorCode and errorMessage. JSON services answer a
// denial as AccessDeniedException, but the record says AccessDenied, as CloudTrail
// records every service's denials.
func errorFields(err error) (code, msg string) {
	var pe *protocol.Error
	if !errors.As(err, &pe) {
		return "InternalFailure", "An internal error occurred."
	}
	code = pe.Code
	if code == "AccessDeniedException" {
		code = "AccessDenied"
	}
	return code, truncate(pe.Message, 1024)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

func (r *Recorder) run() {
	defer close(r.done)
	t := time.NewTicker(flushInterval)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-r.kick:
		case <-t.C:
		}
		if err := r.Flush(context.Background()); err != nil {
			r.log.Error("writing CloudTrail events failed", "err", err)
		}
	}
}

// Flush writes every record captured before the call. Readers of the event store
// call it first, so the writer's batching is never visible.
func (r *Recorder) Flush(ctx context.Context) error {
	r.writeMu.Lock()
	defer r.writeMu.Unlock()
	r.mu.Lock()
	batch := r.buf
	r.buf = nil
	r.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	events := make([]Event, 0, len(batch))
	for _, p := range batch {
		ev, err := r.build(p)
		if err != nil {
			r.log.Warn("dropping an event that cannot be encoded", "operation", p.op, "err", err)
			continue
		}
		events = append(events, ev)
	}
	return r.insert(ctx, events)
}

// Close writes what is pending and stops the writer. Later records are dropped.
func (r *Recorder) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	r.mu.Unlock()
	close(r.stop)
	<-r.done
	return r.Flush(context.Background())
}

func (r *Recorder) insert(ctx context.Context, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	return r.db.Tx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO trail_events(event_id, scope, region, event_time, event_name, event_source,
			username, access_key_id, read_only, management, resources, record) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		res, err := tx.PrepareContext(ctx, `INSERT INTO trail_event_resources(seq, scope, event_time, rtype, rname) VALUES(?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer res.Close()
		for i := range events {
			e := &events[i]
			resJSON, _ := json.Marshal(nonNil(e.Resources))
			ro := "false"
			if e.ReadOnly {
				ro = "true"
			}
			result, err := ins.ExecContext(ctx, e.EventID, scopeOf(e.Region, e.Global), e.Region, e.EventTime.UnixMilli(), e.EventName,
				e.EventSource, e.Username, e.AccessKeyID, ro, e.Management, string(resJSON), e.Record)
			if err != nil {
				return err
			}
			if e.Seq, err = result.LastInsertId(); err != nil {
				return err
			}
			if !e.Management {
				continue
			}
			for _, rs := range e.Resources {
				if _, err := res.ExecContext(ctx, e.Seq, scopeOf(e.Region, e.Global), e.EventTime.UnixMilli(), rs.ResourceType, rs.ResourceName); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func nonNil(rs []Resource) []Resource {
	if rs == nil {
		return []Resource{}
	}
	return rs
}

// scopeOf is the Event history scope of an event: its region, or every region.
func scopeOf(region string, global bool) string {
	if global {
		return "*"
	}
	return region
}

// tlsDetails describes the connection the way records do (OpenSSL cipher names for
// TLS 1.2, IANA names for 1.3).
func tlsDetails(st *tls.ConnectionState, host string) *TLSDetails {
	d := &TLSDetails{ClientProvidedHostHeader: host, CipherSuite: tls.CipherSuiteName(st.CipherSuite)}
	switch st.Version {
	case tls.VersionTLS13:
		d.TLSVersion = "TLSv1.3"
	case tls.VersionTLS12:
		d.TLSVersion = "TLSv1.2"
		if name, ok := opensslCiphers[st.CipherSuite]; ok {
			d.CipherSuite = name
		}
	default:
		d.TLSVersion = tls.VersionName(st.Version)
	}
	return d
}

var opensslCiphers = map[uint16]string{
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:   "ECDHE-RSA-AES128-GCM-SHA256",
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:   "ECDHE-RSA-AES256-GCM-SHA384",
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: "ECDHE-ECDSA-AES128-GCM-SHA256",
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: "ECDHE-ECDSA-AES256-GCM-SHA384",
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305:    "ECDHE-RSA-CHACHA20-POLY1305",
}

func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
