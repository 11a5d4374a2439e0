package ipc

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestRunQuerySyncRoundTrips(t *testing.T) {
	h := &testHandler{}
	s, _ := listen(t, h)
	c := dial(t, s)

	if err := c.Run("split right", "focus left"); err != nil {
		t.Fatal(err)
	}
	err := c.Run("split down", "fail x", "focus right")
	var replyErr *ReplyError
	if !errors.As(err, &replyErr) || replyErr.Index == nil || *replyErr.Index != 1 ||
		err.Error() != `unknown command "fail x" at 1:1; did you mean "focus"?` {
		t.Fatalf("run with a failing second command: %v (%#v)", err, replyErr)
	}
	if _, ran := h.state(); !slices.Equal(ran, []string{"split right", "focus left", "split down"}) {
		t.Fatalf("the handler ran %q", ran)
	}
	version, err := c.Query("version")
	if err != nil || string(version) != `{"version":"test","protocol":1}` { // compacted on the wire
		t.Fatalf("query version: %s, %v", version, err)
	}
	if _, err := c.Query("bindings"); err == nil || err.Error() != "no bindings in this test" {
		t.Fatalf("query bindings: %v", err)
	}
	if err := c.Sync(); err != nil {
		t.Fatal(err)
	}
	reply, err := c.Do(Request{ID: -42, Type: "sync"})
	if err != nil || reply.V != 1 || reply.ID != -42 || !reply.OK || string(reply.Result) != "{}" {
		t.Fatalf("Do sync: %+v, %v", reply, err)
	}
}

// TestWireFormat pins the bytes a socat user sees, as fion.1 shows them.
func TestWireFormat(t *testing.T) {
	s, _ := listen(t, &testHandler{})
	r := dialRaw(t, s.Path())
	tests := []struct{ send, want string }{
		{`{"v":1,"id":1,"type":"run","commands":["split right","fail <x>"]}`,
			`{"v":1,"id":1,"ok":false,"error":"unknown command \"fail <x>\" at 1:1; did you mean \"focus\"?","index":1}`},
		{`{"v":1,"id":2,"type":"run","commands":["split right"]}`, `{"v":1,"id":2,"ok":true,"result":{"ran":1}}`},
		{`{"v":1,"id":3,"type":"query","what":"version"}`, `{"v":1,"id":3,"ok":true,"result":{"version":"test","protocol":1}}`},
		{`{"v":1,"id":4,"type":"sync"}`, `{"v":1,"id":4,"ok":true,"result":{}}`},
		{`{"v":1,"id":5,"type":"subscribe","events":["tile.split","client"]}`,
			`{"v":1,"id":5,"ok":true,"result":{"subscribed":["client","tile.split"]}}`},
		{`{"v":1,"id":6,"type":"frob"}`, `{"v":1,"id":6,"ok":false,"error":"bad request: unknown request type \"frob\"; known: run, query, subscribe, sync"}`},
	}
	for _, tt := range tests {
		r.send(tt.send)
		if got := r.line(); got != tt.want {
			t.Errorf("sent %s\n got %s\nwant %s", tt.send, got, tt.want)
		}
	}
	s.Publish("client.new", map[string]any{"window": 4194305, "title": "a <b>"})
	s.Publish("tile.split", nil)
	for _, want := range []string{
		`{"v":1,"seq":1,"event":"client.new","data":{"title":"a <b>","window":4194305}}`,
		`{"v":1,"seq":2,"event":"tile.split"}`,
	} {
		if got := r.line(); got != want {
			t.Errorf("event\n got %s\nwant %s", got, want)
		}
	}
}

func TestBadRequestsGetAnErrorAndTheConnectionStays(t *testing.T) {
	h := &testHandler{}
	s, _ := listen(t, h)
	r := dialRaw(t, s.Path())
	tests := []struct {
		send   string
		wantID int64
		want   string
	}{
		{`{"v":1,"id":1,"type":"sync"`, 0, `bad request: invalid JSON at byte 27: unexpected end of JSON input; send one JSON object per line`},
		{"\x00\xff\x13\x9bgarbage\x7f", 0, `bad request: invalid JSON at byte 2: invalid UTF-8; send one JSON object per line`},
		{"\x01\x02\x03", 0, `bad request: invalid JSON at byte 1: invalid character '\x01' looking for beginning of value; send one JSON object per line`},
		{`{"v":2,"id":3,"type":"sync"}`, 3, `bad request: protocol version 2 is not supported; this fion speaks version 1`},
		{`{"v":1,"id":4,"type":"frob"}`, 4, `bad request: unknown request type "frob"; known: run, query, subscribe, sync`},
		{`{"v":1,"id":5,"type":"run","commands":"split right"}`, 5, `bad request: "commands" must be an array of strings`},
		{`{"v":1,"id":6,"type":"run","commands":[1]}`, 6, `bad request: "commands" must be an array of strings`},
		{`{"v":1,"id":7,"type":"query","what":"tre"}`, 7,
			`bad request: unknown query "tre"; known: tree, focused, screens, workspaces, windows, bindings, rules, config, version; did you mean "tree"?`},
		{`{"v":1,"id":8,"type":"subscribe","events":[1]}`, 8, `bad request: "events" must be an array of strings`},
		{`{"v":1,"id":"nine","type":"sync"}`, 0, `bad request: "id" must be an integer (64 bits), not a string ("nine")`},
		{``, 0, `bad request: empty line; send one JSON object per line`},
	}
	for _, tt := range tests {
		r.send(tt.send)
		reply := r.reply()
		if reply.OK || reply.ID != tt.wantID || reply.Error != tt.want || reply.V != 1 {
			t.Errorf("sent %q\n got %+v\nwant id %d, error %s", tt.send, reply, tt.wantID, tt.want)
		}
	}
	r.send(`{"v":1,"id":10,"type":"query","what":"version"}`)
	if reply := r.reply(); !reply.OK || reply.ID != 10 {
		t.Fatalf("after the bad requests: %+v", reply)
	}
	if calls, _ := h.state(); calls != 1 {
		t.Fatalf("the handler saw %d requests, want only the valid one", calls)
	}
}

func TestHandlerPanicBecomesAnErrorReply(t *testing.T) {
	s, log := listen(t, &testHandler{})
	c := dial(t, s)
	if _, err := c.Query("config"); err == nil || err.Error() != "internal error in fion: boom; please report this" {
		t.Fatalf("query config: %v", err)
	}
	log.wait(t, "the handler panicked on query request 1: boom")
	if _, err := c.Query("version"); err != nil {
		t.Fatalf("after the panic: %v", err)
	}
}

func TestLineLimitOnTheSocket(t *testing.T) {
	h := &testHandler{}
	s, _ := listen(t, h)
	r := dialRaw(t, s.Path())

	r.send(string(requestOfLength(t, MaxRequest)))
	if reply := r.reply(); !reply.OK {
		t.Fatalf("a request of exactly 1 MiB: %+v", reply)
	}
	// One byte more, then more still: the server must answer after MaxRequest+1 bytes without
	// reading the rest, and close.
	over := requestOfLength(t, MaxRequest+1+1<<16)
	writeDone := make(chan struct{})
	go func() {
		defer close(writeDone)
		r.c.Write(append(over, '\n')) // fails once the server has closed; that is expected
	}()
	reply := r.reply()
	if reply.OK || reply.ID != 0 || reply.Error != "bad request: line longer than 1 MiB" {
		t.Fatalf("a line over 1 MiB: %+v", reply)
	}
	if rest := r.closed(); rest != "" {
		t.Fatalf("after the error the server sent %q", rest)
	}
	select {
	case <-writeDone:
	case <-time.After(failAfter):
		t.Fatal("the write of the long line never ended: the server keeps the connection open")
	}
	if calls, _ := h.state(); calls != 1 {
		t.Fatalf("the handler saw %d requests, want 1", calls)
	}
}

func TestHalfALineThenHangUpIsJustClosed(t *testing.T) {
	h := &testHandler{}
	s, _ := listen(t, h)

	r := dialRaw(t, s.Path())
	r.c.Write([]byte(`{"v":1,"id":1,"type":"query","wh`))
	r.c.CloseWrite()
	if got := r.closed(); got != "" {
		t.Fatalf("half a line got an answer: %q", got)
	}

	// A whole request before the half line is answered, then the connection is closed.
	r = dialRaw(t, s.Path())
	r.c.Write([]byte(`{"v":1,"id":2,"type":"sync"}` + "\n" + `{"v":1,"id":3,"ty`))
	r.c.CloseWrite()
	if got := r.closed(); got != `{"v":1,"id":2,"ok":true,"result":{}}`+"\n" {
		t.Fatalf("a request then half a line: got %q", got)
	}
	if calls, _ := h.state(); calls != 1 {
		t.Fatalf("the handler saw %d requests, want 1", calls)
	}
	if _, err := dial(t, s).Query("version"); err != nil {
		t.Fatalf("the server after the hang-ups: %v", err)
	}
}

func TestSubscribeThenEventsInOrderWithOneSequence(t *testing.T) {
	s, _ := listen(t, &testHandler{})
	c := dial(t, s)
	s.Publish("client.new", nil) // seq 1, before anyone subscribed

	reply, err := c.Do(Request{ID: 1, Type: "subscribe", Events: []string{"tile.split", "client", "client.new"}})
	if err != nil || !reply.OK || string(reply.Result) != `{"subscribed":["client","tile.split"]}` {
		t.Fatalf("subscribe: %+v, %v", reply, err)
	}
	published := []struct {
		name string
		data any
	}{
		{"client.new", map[string]int{"window": 1}}, // 2
		{"tab.move", nil},           // 3: not subscribed
		{"tile.split", []int{1, 2}}, // 4
		{"client.focus", "w"},       // 5
		{"shutdown", nil},           // 6: not subscribed
		{"client.close", nil},       // 7
	}
	for _, p := range published {
		s.Publish(p.name, p.data)
	}
	// A request after the events: its reply comes after them, and Do keeps them for Next.
	if err := c.Sync(); err != nil {
		t.Fatal(err)
	}
	want := []Event{
		{V: 1, Seq: 2, Event: "client.new", Data: json.RawMessage(`{"window":1}`)},
		{V: 1, Seq: 4, Event: "tile.split", Data: json.RawMessage(`[1,2]`)},
		{V: 1, Seq: 5, Event: "client.focus", Data: json.RawMessage(`"w"`)},
		{V: 1, Seq: 7, Event: "client.close"},
	}
	for _, w := range want {
		e, err := c.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e.V != w.V || e.Seq != w.Seq || e.Event != w.Event || string(e.Data) != string(w.Data) {
			t.Fatalf("event %+v (data %s), want %+v (data %s)", e, e.Data, w, w.Data)
		}
	}

	// A new subscription replaces the old one; Next then waits for events from the socket.
	if err := c.Subscribe("shutdown"); err != nil {
		t.Fatal(err)
	}
	s.Publish("client.new", nil) // 8
	s.Publish("shutdown", "bye") // 9
	if e, err := c.Next(); err != nil || e.Seq != 9 || e.Event != "shutdown" || string(e.Data) != `"bye"` {
		t.Fatalf("after resubscribing: %+v, %v", e, err)
	}
	if err := c.Subscribe("clinet"); err == nil || !strings.Contains(err.Error(), `unknown event "clinet"`) {
		t.Fatalf("subscribe clinet: %v", err)
	}
}

func TestPublishSkipsDataThatIsNotJSONOrTooLong(t *testing.T) {
	s, log := listen(t, &testHandler{})
	c := dial(t, s)
	if err := c.Subscribe(); err != nil {
		t.Fatal(err)
	}
	s.Publish("client.title", make(chan int))
	log.wait(t, "event client.title not published: its data is not JSON")
	s.Publish("client.title", strings.Repeat("z", MaxReply))
	log.wait(t, "event client.title not published: its data (16777218 bytes) is over the 16 MiB line limit")
	s.Publish("client.title", "ok")
	// The skipped events took no sequence number.
	if e, err := c.Next(); err != nil || e.Seq != 1 || string(e.Data) != `"ok"` {
		t.Fatalf("next event: %+v, %v", e, err)
	}
}

func TestSubscriberKeepsItsEventsAfterClosingItsWriteSide(t *testing.T) {
	s, _ := listen(t, &testHandler{})
	r := dialRaw(t, s.Path())
	r.send(`{"v":1,"id":1,"type":"subscribe","events":["workspace"]}`)
	r.c.CloseWrite() // as `echo '...' | socat - UNIX-CONNECT:...` does
	if reply := r.reply(); !reply.OK {
		t.Fatalf("subscribe: %+v", reply)
	}
	s.Publish("workspace.switch", map[string]int{"workspace": 2})
	if got, want := r.line(), `{"v":1,"seq":1,"event":"workspace.switch","data":{"workspace":2}}`; got != want {
		t.Fatalf("event %s, want %s", got, want)
	}
}

func TestTwoHundredClientsAtOnce(t *testing.T) {
	h := &testHandler{}
	const n = 200
	s, _ := listenWith(t, h, limits{conns: n, connsPerProcess: n, held: defaultLimits.held}) // all from this process
	start := make(chan struct{})
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			c, err := Dial(s.Path())
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			if v, err := c.Query("version"); err != nil || string(v) != `{"version":"test","protocol":1}` {
				errs <- fmt.Errorf("query version: %s, %v", v, err)
			}
		}()
	}
	close(start)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(failAfter):
		t.Fatal("200 clients were not all served")
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if calls, _ := h.state(); calls != n {
		t.Fatalf("the handler saw %d requests, want %d", calls, n)
	}
}

// publishBatch publishes n events from another goroutine and fails the test if that takes
// longer than failAfter: Publish must never wait for a client.
func publishBatch(t *testing.T, s *Server, n int, data any) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < n; i++ {
			s.Publish("client.title", data)
		}
	}()
	select {
	case <-done:
	case <-time.After(failAfter):
		t.Fatal("Publish blocked")
	}
}

func TestSubscriberThatStopsReadingIsDroppedAndPublishNeverBlocks(t *testing.T) {
	s, log := listen(t, &testHandler{})
	slow := dialRaw(t, s.Path())
	slow.send(`{"v":1,"id":1,"type":"subscribe","events":["client"]}`)
	if reply := slow.reply(); !reply.OK {
		t.Fatalf("subscribe: %+v", reply)
	}
	fast := dial(t, s)
	if err := fast.Subscribe("client.title"); err != nil {
		t.Fatal(err)
	}

	// The slow client reads nothing more. Its socket buffer fills, then its queue; then it must
	// be dropped, while the client that reads gets every event, in order.
	data := map[string]string{"title": strings.Repeat("x", 1000)}
	const batch = 100
	published := 0
	for log.find("dropped the client") == "" {
		if published >= 100*batch {
			t.Fatalf("%d events published and the client that does not read is still connected", published)
		}
		publishBatch(t, s, batch, data)
		for i := 0; i < batch; i++ {
			published++
			e, err := fast.Next()
			if err != nil {
				t.Fatalf("the client that reads, at event %d: %v", published, err)
			}
			if e.Seq != uint64(published) {
				t.Fatalf("the client that reads got seq %d, want %d", e.Seq, published)
			}
		}
	}
	line := log.wait(t, "dropped the client")
	if want := fmt.Sprintf("ipc: dropped the client with pid %d: it stopped reading its events (its queue is full)", os.Getpid()); line != want {
		t.Fatalf("log %q, want %q", line, want)
	}
	if n := log.count("dropped the client"); n != 1 {
		t.Fatalf("the drop was logged %d times", n)
	}
	if published < queueLen {
		t.Fatalf("dropped after %d events, before its queue of %d could fill", published, queueLen)
	}
	// What the slow client finds when it reads again: what its socket buffer held, a run of
	// consecutive events from the first, then the end (its queue went with the connection).
	got := strings.Split(strings.TrimSuffix(slow.closed(), "\n"), "\n")
	if len(got) < 2 || len(got) >= published {
		t.Fatalf("the dropped client got %d events of %d", len(got), published)
	}
	for i, line := range got[:len(got)-1] { // the last one may be cut by the close
		var e Event
		if err := json.Unmarshal([]byte(line), &e); err != nil || e.Seq != uint64(i+1) {
			t.Fatalf("dropped client's event %d: %.80s (%v)", i, line, err)
		}
	}
}

func TestClientThatStopsReadingRepliesIsDropped(t *testing.T) {
	h := &testHandler{treeSize: 64 << 10}
	s, log := listen(t, h)
	r := dialRaw(t, s.Path())
	// Ask for the tree over and over and read nothing: fion must not hold the answers forever.
	writeErr := make(chan error, 1)
	go func() {
		req := []byte(`{"v":1,"id":1,"type":"query","what":"tree"}` + "\n")
		for i := 0; i < 100000; i++ {
			if _, err := r.c.Write(req); err != nil {
				writeErr <- err
				return
			}
		}
		writeErr <- nil
	}()
	log.wait(t, "it stopped reading its replies (its queue is full)")
	select {
	case err := <-writeErr:
		if err == nil {
			t.Fatal("100000 requests went through to a server that should have hung up")
		}
	case <-time.After(failAfter):
		t.Fatal("the server kept reading from a client it dropped")
	}
	calls, _ := h.state()
	if limit := queueBytes/(64<<10) + 64; calls > limit {
		t.Fatalf("the handler answered %d requests for a client that read none; the queue allows about %d", calls, limit)
	}
	if _, err := dial(t, s).Query("version"); err != nil {
		t.Fatalf("the server after the drop: %v", err)
	}
}

func TestSocketAndFolderArePrivate(t *testing.T) {
	s, _ := listen(t, &testHandler{})
	info, err := os.Lstat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Type() != fs.ModeSocket || info.Mode().Perm() != 0o600 {
		t.Fatalf("socket mode %v, want a socket with 0600", info.Mode())
	}
	dir, err := os.Lstat(filepath.Dir(s.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if dir.Mode().Perm() != 0o700 {
		t.Fatalf("folder mode %v, want 0700", dir.Mode())
	}
}

func TestListenReplacesAStaleSocket(t *testing.T) {
	path := filepath.Join(shortDir(t), "fion", ":9.sock")
	if err := PrepareDir(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	// A fion that died: its socket file stays, nobody accepts on it.
	dead, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	dead.SetUnlinkOnClose(false)
	dead.Close()
	if _, err := net.Dial("unix", path); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("the stale socket: dial gives %v, want connection refused", err)
	}

	s, err := Listen(path, &testHandler{}, nil)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	defer s.Close()
	if _, err := dial(t, s).Query("version"); err != nil {
		t.Fatal(err)
	}
}

func TestListenRefusesALiveSocket(t *testing.T) {
	first, _ := listen(t, &testHandler{})
	second, err := Listen(first.Path(), &testHandler{}, nil)
	if want := "another fion is already listening on " + first.Path(); err == nil || err.Error() != want {
		if second != nil {
			second.Close()
		}
		t.Fatalf("second Listen: %v, want %s", err, want)
	}
	// The first one still has its socket and serves.
	if _, err := dial(t, first).Query("version"); err != nil {
		t.Fatalf("the first server after the second tried: %v", err)
	}
}

func TestListenRefusesAFileThatIsNotASocket(t *testing.T) {
	path := filepath.Join(shortDir(t), "fion", ":9.sock")
	if err := PrepareDir(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Listen(path, &testHandler{}, nil)
	if want := path + " exists and is not a socket; remove it or choose another path"; err == nil || err.Error() != want {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Listen: %v, want %s", err, want)
	}
	if b, _ := os.ReadFile(path); string(b) != "notes" {
		t.Fatal("Listen changed the file")
	}
}

func TestListenSaysWhenThePathIsTooLong(t *testing.T) {
	path := filepath.Join(shortDir(t), strings.Repeat("d", 60), strings.Repeat("s", 60)+".sock")
	s, err := Listen(path, &testHandler{}, nil)
	want := fmt.Sprintf("cannot listen on %s: the path is %d bytes long, too long for a unix socket (the limit is about 100); set XDG_RUNTIME_DIR to a shorter folder", path, len(path))
	if err == nil || err.Error() != want {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Listen: %v\nwant %s", err, want)
	}
}

func TestCloseDeliversQueuedEventsThenEnds(t *testing.T) {
	s, _ := listen(t, &testHandler{})
	c := dial(t, s)
	if err := c.Subscribe("shutdown"); err != nil {
		t.Fatal(err)
	}
	s.Publish("shutdown", nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if e, err := c.Next(); err != nil || e.Event != "shutdown" {
		t.Fatalf("after Close: %+v, %v; want the shutdown event", e, err)
	}
	if _, err := c.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("after the last event: %v, want EOF", err)
	}
	if _, err := os.Lstat(s.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the socket file after Close: %v", err)
	}
	if _, err := Dial(s.Path()); err == nil {
		t.Fatal("Dial after Close worked")
	}
	s.Publish("shutdown", nil) // after Close: nothing, and no panic
}

func TestCloseDoesNotWaitForAClientThatDoesNotRead(t *testing.T) {
	s, _ := listen(t, &testHandler{})
	r := dialRaw(t, s.Path())
	r.send(`{"v":1,"id":1,"type":"subscribe"}`)
	r.reply()
	publishBatch(t, s, 600, strings.Repeat("y", 1000)) // more than its socket buffers hold
	closed := make(chan error)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(failAfter):
		t.Fatal("Close waits for a client that does not read")
	}
}

func TestDialSaysWhatIsWrong(t *testing.T) {
	dir := shortDir(t)
	missing := filepath.Join(dir, "none.sock")
	_, err := Dial(missing)
	want := "cannot connect to fion at " + missing + ": there is no socket there; is fion running on this display? " +
		"(set FION_SOCKET=/path/to/fion.sock to use another socket): dial unix " + missing + ": connect: no such file or directory"
	if err == nil || err.Error() != want || !errors.Is(err, syscall.ENOENT) {
		t.Fatalf("Dial of a missing socket:\n got %v\nwant %s", err, want)
	}

	stale := filepath.Join(dir, "stale.sock")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: stale, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
	_, err = Dial(stale)
	if err == nil || !strings.Contains(err.Error(), "nobody is listening (a fion that has quit left it)") || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("Dial of a stale socket: %v", err)
	}
}

func BenchmarkRoundTrip(b *testing.B) {
	s, _ := listen(b, &testHandler{})
	for b.Loop() {
		c, err := Dial(s.Path())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Query("version"); err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}

// TestClientReadsWhyFionHungUp: fion refuses another user's connection as soon as it is made, so
// the client's first write can fail; the client must still show fion's reason, not the EPIPE.
func TestClientReadsWhyFionHungUp(t *testing.T) {
	path := filepath.Join(shortDir(t), "refusing.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	hungUp := make(chan struct{})
	go func() {
		defer close(hungUp)
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write([]byte(`{"v":1,"id":0,"ok":false,"error":"permission denied: this fion belongs to uid 1000"}` + "\n"))
		c.Close()
	}()
	c, err := Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	select {
	case <-hungUp:
	case <-time.After(failAfter):
		t.Fatal("the refusing server never hung up")
	}
	_, err = c.Query("version")
	if err == nil || err.Error() != "permission denied: this fion belongs to uid 1000" {
		t.Fatalf("query after the hang-up: %v", err)
	}
}

// closingHandler answers a run request only once it is told to, and says when it has the request.
type closingHandler struct {
	got, release chan struct{}
}

func (h *closingHandler) Handle(req Request) Reply {
	close(h.got)
	<-h.release
	return Reply{OK: true, Result: json.RawMessage(`{"ran":1}`)}
}

// A request that ends fion (restart, exit) is answered while fion closes its socket: Close does
// not wait for the answer, the connection stays until the answer is written, and Wait waits for it.
func TestARequestBeingAnsweredWhenTheServerClosesGetsItsReply(t *testing.T) {
	h := &closingHandler{got: make(chan struct{}), release: make(chan struct{})}
	s, _ := listen(t, h)
	c := dial(t, s)
	errs := make(chan error, 1)
	go func() { errs <- c.Run("restart") }()
	<-h.got
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waits for the Handler")
	}
	if _, err := os.Stat(s.Path()); err == nil {
		t.Error("the socket file is still there after Close")
	}
	close(h.release)
	s.Wait(5 * time.Second)
	select {
	case err := <-errs:
		if err != nil {
			t.Fatalf("the request that was being answered got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reply")
	}
}
