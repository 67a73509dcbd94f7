package zeroksync_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// What differs every run: pairing codes, and pairing verifiers (in one run, the same on both
// devices).
var (
	pairingCode = regexp.MustCompile(`\b[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}\b`)
	verifier    = regexp.MustCompile(`\b\d{3} \d{3}\b`)
)

// unvaried is text with its codes and verifiers replaced by placeholders; ok is false when its
// verifiers differ from each other.
func unvaried(text string) (_ string, ok bool) {
	verifiers := verifier.FindAllString(text, -1)
	for _, v := range verifiers {
		if v != verifiers[0] {
			return text, false
		}
	}
	return verifier.ReplaceAllString(pairingCode.ReplaceAllString(text, "<code>"), "<verifier>"), true
}

// The README's Go blocks run as programs (a module of their own, using this one through a
// replace directive) and print exactly the text block that follows each of them, but for
// pairing codes and verifiers.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := regexp.MustCompile("(?s)```go\n(.*?)```\n\nprints\n\n```text\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(examples) == 0 {
		t.Fatal("the README has no examples")
	}
	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	relay := shared(t)
	for i, example := range examples {
		dir := t.TempDir()
		goMod := "module readme\n\ngo 1.24\n\nrequire github.com/0k-sync/0k-sync/bindings/go v0.0.0\n\nreplace github.com/0k-sync/0k-sync/bindings/go => " + here + "\n"
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), example[1], 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("go", "run", ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "ZEROK_RELAY="+relay.addr, "GOFLAGS=-mod=mod")
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if exit, ok := err.(*exec.ExitError); ok {
				stderr = string(exit.Stderr)
			}
			t.Fatalf("example %d: %v\n%s", i+1, err, stderr)
		}
		got, same := unvaried(string(out))
		want, _ := unvaried(string(example[2]))
		if !same || got != want {
			t.Errorf("example %d printed\n%s\nthe README says\n%s", i+1, out, example[2])
		}
	}
}
