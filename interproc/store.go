package interproc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kpreempt/kpreempt/internal/scratch"
)

// Store keeps facts between runs, under a directory:
//
//	objects/<k[:2]>/<k>        facts (UnitFacts.Encode), and lists of files read (JSON), content-addressed (k: sha256 of the encoding)
//	units/<sha256(unit)[:32]>.json   one record per unit: its key, its own file, its objects
//	checks/<sha256(unit)[:32]>.json  the unit's check phase, kept by the run pipeline
//
// A record says which facts belong to a unit as it was: the unit's key
// (a hash of the tool and facts versions, the unit's compiler flags and
// its source) and the files its preprocessing read, with their size and
// modification time. The list of files is an object of its own: a run
// reads every record, but the lists only of the units it reads itself
// (a unit's headers are a thousand paths; the records of a tree would
// be 200 MB). Every file is written to a temporary name and
// renamed into place, so that a crash or a concurrent writer (make -j
// C=2) leaves every record whole; records of the same unit written by
// two processes are equally valid. Facts from several stores merge by
// copying their files into one (shards of a CI matrix).
type Store struct {
	dir string
}

// Record is a unit's entry in a store.
type Record struct {
	Unit string `json:"unit"`
	Key  string `json:"key"`
	// Source is the unit's own file as it was.
	Source Dep `json:"source"`
	// Deps is the object listing the files its preprocessing read
	// (a JSON array of Dep), its own among them.
	Deps    string `json:"deps"`
	Object  string `json:"object"`
	Version int    `json:"version"`
}

// Dep is a file a unit's preprocessing read, as it was.
type Dep struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"`
}

// OpenStore opens (creating it) the store in dir.
func OpenStore(dir string) (*Store, error) {
	for _, d := range []string{"objects", "units"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, fmt.Errorf("facts store %s: %v", dir, err)
		}
	}
	return &Store{dir: dir}, nil
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// DefaultStoreDir is where a tree's facts are kept unless told otherwise:
// the user's cache directory, one store per tree root.
func DefaultStoreDir(root string) (string, error) {
	cache := os.Getenv("KPREEMPT_CACHE")
	if cache == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		cache = filepath.Join(c, "kpreempt")
	}
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(cache, "facts", hex.EncodeToString(sum[:8])), nil
}

// UnitKey is the key of a unit's facts: what they depend on besides the
// headers (which Deps check).
func UnitKey(tool string, flags any, source []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "kpreempt %s facts %d\n", tool, Version)
	b, _ := json.Marshal(flags)
	h.Write(b)
	h.Write([]byte{0})
	h.Write(source)
	return hex.EncodeToString(h.Sum(nil))
}

// Deps describes the files a unit read, as they are now.
func Deps(paths []string) []Dep {
	seen := map[string]bool{}
	var out []Dep
	for _, p := range paths {
		if seen[p] || !filepath.IsAbs(p) {
			continue
		}
		seen[p] = true
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		out = append(out, Dep{Path: p, Size: fi.Size(), MTime: fi.ModTime().UnixNano()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Fresh reports whether a record still describes the unit: the same key,
// and every file it read unchanged.
func (s *Store) Fresh(r *Record, key string) bool {
	if r.Version != Version || r.Key != key || len(r.Deps) < 2 {
		return false
	}
	b, err := os.ReadFile(s.objectPath(r.Deps))
	if err != nil {
		return false
	}
	var deps []Dep
	if json.Unmarshal(b, &deps) != nil {
		return false
	}
	return Unchanged(deps)
}

// DepsID is the name of the object that lists deps in a record
// (Record.Deps): files read are the same as they were when the IDs of
// two lists are.
func DepsID(deps []Dep) string {
	b, _ := json.Marshal(deps)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Unchanged reports whether every file is as it was.
func Unchanged(deps []Dep) bool {
	for _, d := range deps {
		fi, err := os.Stat(d.Path)
		if err != nil || fi.Size() != d.Size || fi.ModTime().UnixNano() != d.MTime {
			return false
		}
	}
	return true
}

// SourceChanged reports whether the unit's own file differs from when
// the record was made: a cheap test for the facts of units a run does
// not read itself.
func (r *Record) SourceChanged() bool {
	return !Unchanged([]Dep{r.Source})
}

func (s *Store) recordPath(unit string) string {
	sum := sha256.Sum256([]byte(unit))
	return filepath.Join(s.dir, "units", hex.EncodeToString(sum[:16])+".json")
}

func (s *Store) objectPath(key string) string {
	return filepath.Join(s.dir, "objects", key[:2], key)
}

// Records reads every unit's record. Unreadable or foreign records are
// passed over: their units are summarised again.
func (s *Store) Records() (map[string]*Record, error) {
	entries, err := os.ReadDir(filepath.Join(s.dir, "units"))
	if err != nil {
		return nil, err
	}
	out := map[string]*Record{}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".json" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.dir, "units", e.Name()))
		if err != nil {
			continue
		}
		var r Record
		if json.Unmarshal(b, &r) != nil || r.Version != Version || r.Unit == "" {
			continue
		}
		out[r.Unit] = &r
	}
	return out, nil
}

// Record reads one unit's record; nil when it has none this version
// reads.
func (s *Store) Record(unit string) *Record {
	b, err := os.ReadFile(s.recordPath(unit))
	if err != nil {
		return nil
	}
	var r Record
	if json.Unmarshal(b, &r) != nil || r.Version != Version || r.Unit != unit {
		return nil
	}
	return &r
}

// Load reads a record's facts.
func (s *Store) Load(r *Record) (*UnitFacts, error) {
	if len(r.Object) < 2 {
		return nil, errors.New("record without facts")
	}
	b, err := os.ReadFile(s.objectPath(r.Object))
	if err != nil {
		return nil, err
	}
	return Decode(b)
}

// Save stores a unit's facts and its record: file is the unit's own
// file, deps (from Deps) every file its preprocessing read.
func (s *Store) Save(key, file string, deps []Dep, f *UnitFacts) error {
	b, err := f.Encode()
	if err != nil {
		return err
	}
	_, err = s.SaveEncoded(key, file, deps, f.Unit, b)
	return err
}

// SaveEncoded is Save for facts already encoded (UnitFacts.Encode) of the
// unit whose identity is unit. It returns the record saved, which Load
// reads the facts back by.
func (s *Store) SaveEncoded(key, file string, deps []Dep, unit string, facts []byte) (*Record, error) {
	b, err := json.Marshal(deps)
	if err != nil {
		return nil, err
	}
	depsObj, err := s.saveObject(b)
	if err != nil {
		return nil, err
	}
	rec := Record{Unit: unit, Key: key, Deps: depsObj, Version: Version}
	for _, d := range deps {
		if d.Path == file {
			rec.Source = d
		}
	}
	if err := s.saveRecord(&rec, facts); err != nil {
		return nil, err
	}
	return &rec, nil
}

// saveFacts stores the facts and the record that names them.
func (s *Store) saveFacts(rec Record, f *UnitFacts) error {
	b, err := f.Encode()
	if err != nil {
		return err
	}
	return s.saveRecord(&rec, b)
}

// saveRecord stores encoded facts and the record that names them.
func (s *Store) saveRecord(rec *Record, facts []byte) error {
	var err error
	if rec.Object, err = s.saveObject(facts); err != nil {
		return err
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return writeAtomic(s.recordPath(rec.Unit), b)
}

// Update replaces the facts of a unit the store has a record of, the
// record's key and files as they are: the facts of a unit a run accepted
// as settled (Program.Accept) describe the same file.
func (s *Store) Update(f *UnitFacts) error {
	b, err := os.ReadFile(s.recordPath(f.Unit))
	if err != nil {
		return err
	}
	var rec Record
	if err := json.Unmarshal(b, &rec); err != nil || rec.Unit != f.Unit || rec.Version != Version {
		return fmt.Errorf("facts store: no record of %s to update", f.Unit)
	}
	return s.saveFacts(rec, f)
}

// saveObject stores data under its hash, once.
func (s *Store) saveObject(b []byte) (string, error) {
	sum := sha256.Sum256(b)
	obj := hex.EncodeToString(sum[:])
	if err := os.MkdirAll(filepath.Dir(s.objectPath(obj)), 0o755); err != nil {
		return "", err
	}
	if _, err := os.Stat(s.objectPath(obj)); err != nil {
		if err := writeAtomic(s.objectPath(obj), b); err != nil {
			return "", err
		}
	} else {
		// Used again: Prune must see it as new.
		now := time.Now()
		_ = os.Chtimes(s.objectPath(obj), now, now)
	}
	return obj, nil
}

// Prune removes the objects no record refers to that are older than
// since (the start of the run that calls it): the facts and file lists
// that later versions of their units replaced. An object another run
// sharing the store writes or uses again meanwhile is newer, and stays.
// It returns how many objects it removed.
func (s *Store) Prune(since time.Time) (int, error) {
	records, err := s.Records()
	if err != nil {
		return 0, err
	}
	used := map[string]bool{}
	for _, r := range records {
		used[r.Object] = true
		used[r.Deps] = true
	}
	dirs, err := os.ReadDir(filepath.Join(s.dir, "objects"))
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(s.dir, "objects", d.Name()))
		if err != nil {
			continue
		}
		for _, e := range entries {
			// Objects of stores before version 56 were named <k>.json.
			if used[strings.TrimSuffix(e.Name(), ".json")] {
				continue
			}
			info, err := e.Info()
			if err != nil || !info.ModTime().Before(since) {
				continue
			}
			if os.Remove(filepath.Join(s.dir, "objects", d.Name(), e.Name())) == nil {
				removed++
			}
		}
	}
	return removed, nil
}

var tmpSeq atomic.Int64

// writeAtomic writes a file under a temporary name and renames it into
// place.
func writeAtomic(path string, data []byte) error {
	// Unique per process and call: workers save concurrently.
	tmp := path + ".tmp" + strconv.Itoa(os.Getpid()) + "." + strconv.FormatInt(tmpSeq.Add(1), 36)
	scratch.Track(tmp)
	defer scratch.Untrack(tmp)
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// blobPath is where a unit's data of a kind other than facts is kept
// (the check phase's results: kind "checks").
func (s *Store) blobPath(kind, unit string) string {
	sum := sha256.Sum256([]byte(unit))
	return filepath.Join(s.dir, kind, hex.EncodeToString(sum[:16])+".json")
}

// SaveBlob keeps data of a kind for a unit, replacing what was kept.
func (s *Store) SaveBlob(kind, unit string, data []byte) error {
	p := s.blobPath(kind, unit)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return writeAtomic(p, data)
}

// PruneBlobs lets all but the keep most recently written blobs of a
// kind go.
func (s *Store) PruneBlobs(kind string, keep int) error {
	dir := filepath.Join(s.dir, kind)
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) <= keep {
		return err
	}
	type blob struct {
		name string
		mod  time.Time
	}
	var blobs []blob
	for _, e := range entries {
		if info, err := e.Info(); err == nil && !e.IsDir() {
			blobs = append(blobs, blob{e.Name(), info.ModTime()})
		}
	}
	sort.Slice(blobs, func(i, j int) bool {
		if !blobs[i].mod.Equal(blobs[j].mod) {
			return blobs[i].mod.After(blobs[j].mod)
		}
		return blobs[i].name < blobs[j].name
	})
	for _, b := range blobs[min(keep, len(blobs)):] {
		_ = os.Remove(filepath.Join(dir, b.name))
	}
	return nil
}

// LoadBlob reads what SaveBlob kept.
func (s *Store) LoadBlob(kind, unit string) ([]byte, error) {
	return os.ReadFile(s.blobPath(kind, unit))
}
