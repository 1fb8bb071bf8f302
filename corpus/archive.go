package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/sync/errgroup"
)

// Archive keeps a corpus in a data directory, in one bbolt database file.
// Every change is one bbolt transaction, so a process killed at any point
// leaves the corpus as it was before the change or as it is after, never a
// mix. The database is open only while a command reads or writes it: a
// server reading its corpus does not keep `dutygraph load` from adding to
// it.
type Archive struct {
	dir string
}

// File is the database's name inside the data directory.
const File = "corpus.db"

// Format is the version of the archive's layout this binary writes. A
// binary meeting a newer one refuses it rather than misreading it.
const Format = 1

// lockWait is how long a command waits for another one writing the
// archive before giving up.
const lockWait = 30 * time.Second

var (
	bucketMeta      = []byte("meta")
	bucketDocuments = []byte("documents")
	keyFormat       = []byte("format")
)

// ErrNewerFormat is what a binary meets in an archive a newer one wrote.
var ErrNewerFormat = errors.New("written by a newer dutygraph")

// DefaultDir is where the corpus is kept unless DUTYGRAPH_DATA or --data
// say otherwise: $XDG_DATA_HOME/dutygraph, or ~/.local/share/dutygraph,
// on Linux and other Unix systems, and the user configuration directory
// (Application Support, AppData) elsewhere.
func DefaultDir() (string, error) {
	if runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		if xdg := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(xdg) {
			return filepath.Join(xdg, "dutygraph"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no data directory: %w (give one with --data or DUTYGRAPH_DATA)", err)
		}
		return filepath.Join(home, ".local", "share", "dutygraph"), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: %w (give one with --data or DUTYGRAPH_DATA)", err)
	}
	return filepath.Join(dir, "dutygraph"), nil
}

// Open returns the archive of a data directory, creating the directory.
func Open(dir string) (*Archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return &Archive{dir: dir}, nil
}

// Path is the database file's path.
func (a *Archive) Path() string { return filepath.Join(a.dir, File) }

// Documents reads every document of the archive, in ID order; an archive
// never written holds none. The documents are decoded on workers
// goroutines (< 1: one per CPU): decoding is most of the time a server
// takes to start.
func (a *Archive) Documents(workers int) ([]Document, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var docs []Document
	err := a.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDocuments)
		if b == nil {
			return nil
		}
		var values [][]byte // valid until the transaction ends
		if err := b.ForEach(func(_, v []byte) error {
			values = append(values, v)
			return nil
		}); err != nil {
			return err
		}
		docs = make([]Document, len(values))
		var g errgroup.Group
		g.SetLimit(workers)
		for i, v := range values {
			g.Go(func() error {
				if err := json.Unmarshal(v, &docs[i]); err != nil {
					return fmt.Errorf("document %d: %w", i, err)
				}
				return nil
			})
		}
		return g.Wait()
	})
	return docs, err
}

// Apply writes put (replacing documents of the same ID) and deletes the
// documents remove names, in one transaction: all of it or, on any error,
// nothing.
func (a *Archive) Apply(put []Document, remove []string) error {
	db, err := a.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if err := checkFormat(meta); err != nil {
			return err
		}
		if err := meta.Put(keyFormat, []byte(strconv.Itoa(Format))); err != nil {
			return err
		}
		docs, err := tx.CreateBucketIfNotExists(bucketDocuments)
		if err != nil {
			return err
		}
		for _, id := range remove {
			if err := docs.Delete([]byte(id)); err != nil {
				return err
			}
		}
		for _, d := range put {
			v, err := json.Marshal(d)
			if err != nil {
				return fmt.Errorf("document %s: %w", d.ID, err)
			}
			if err := docs.Put([]byte(d.ID), v); err != nil {
				return err
			}
		}
		return nil
	})
	return a.describe(err)
}

// Version tells whether the archive changed: the database file's size and
// modification time, zero when there is none. Watching a data directory
// compares it between polls.
func (a *Archive) Version() (int64, time.Time) {
	info, err := os.Stat(a.Path())
	if err != nil {
		return 0, time.Time{}
	}
	return info.Size(), info.ModTime()
}

// view runs fn in a read transaction; an archive never written is empty.
func (a *Archive) view(fn func(*bolt.Tx) error) error {
	if _, err := os.Stat(a.Path()); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := a.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if err := checkFormat(meta); err != nil {
				return err
			}
		}
		return fn(tx)
	})
	return a.describe(err)
}

func (a *Archive) open(readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(a.Path(), 0o644, &bolt.Options{Timeout: lockWait, ReadOnly: readOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%s: another dutygraph has been writing it for %s; try again when it is done", a.Path(), lockWait)
	}
	return db, a.describe(err)
}

// checkFormat refuses an archive of a newer layout.
func checkFormat(meta *bolt.Bucket) error {
	v := meta.Get(keyFormat)
	if v == nil {
		return nil
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return fmt.Errorf("format %q is not a number: not a dutygraph archive", v)
	}
	if n > Format {
		return fmt.Errorf("format %d, %w; this binary reads format %d and older: upgrade dutygraph, or point --data at another directory", n, ErrNewerFormat, Format)
	}
	return nil
}

// describe names the archive in an error.
func (a *Archive) describe(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("data directory %s: %w", a.dir, err)
}
