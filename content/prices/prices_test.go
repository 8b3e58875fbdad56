package prices

import "testing"

func TestTablesLoadAndNameTheirSource(t *testing.T) {
	tbl := Default()
	if tbl == nil || tbl.Region != "us-east-1" || tbl.Date == "" {
		t.Fatalf("default table = %+v", tbl)
	}
	// $0.20 per million Lambda requests; $0.0000166667 per x86 GB-second.
	if got := tbl.USD("lambda.requests"); got != 0.20 {
		t.Errorf("lambda.requests = %v", got)
	}
	if got := tbl.USD("lambda.gb-second.arm64"); got >= tbl.USD("lambda.gb-second.x86_64") {
		t.Errorf("arm64 GB-s %v is not below x86_64", got)
	}
	for _, p := range tbl.Prices {
		if p.Source == "" || p.What == "" {
			t.Errorf("%s has no source or description", p.ID)
		}
	}
	if len(Regions()) == 0 {
		t.Fatal("no Regions")
	}
}
