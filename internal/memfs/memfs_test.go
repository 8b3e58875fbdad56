package memfs

import (
	"io"
	"io/fs"
	"testing"
)

// A file opens with its contents, a folder its paths imply opens as a
// folder, and nothing else opens.
func TestFS(t *testing.T) {
	m := FS{"template.yaml": []byte("Resources: {}\n"), "api/v1/openapi.yaml": []byte("openapi: 3.0.0\n")}
	data, err := fs.ReadFile(m, "api/v1/openapi.yaml")
	if err != nil || string(data) != "openapi: 3.0.0\n" {
		t.Fatalf("ReadFile = %q, %v", data, err)
	}
	for _, dir := range []string{".", "api", "api/v1"} {
		st, err := fs.Stat(m, dir)
		if err != nil || !st.IsDir() {
			t.Errorf("Stat(%q) = %v, %v; want a folder", dir, st, err)
		}
		f, _ := m.Open(dir)
		if n, err := f.Read(make([]byte, 8)); n != 0 || err != io.EOF {
			t.Errorf("reading folder %q gave %d, %v", dir, n, err)
		}
	}
	if st, err := fs.Stat(m, "template.yaml"); err != nil || st.IsDir() || st.Size() != 14 || st.Name() != "template.yaml" {
		t.Errorf("Stat(template.yaml) = %v, %v", st, err)
	}
	for _, bad := range []string{"../etc/passwd", "/template.yaml", "missing.yaml", "api/v", "template.yaml/x"} {
		if _, err := m.Open(bad); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}
