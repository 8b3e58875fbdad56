package iac
import ("fmt";"os";"path/filepath";"sort";"strings";"testing";"golang.org/x/tools/txtar";"github.com/archlab/archlab/design")
func TestZZDump(t *testing.T){
 cat:=design.Builtin()
 var docs [][]byte
 fs,_:=filepath.Glob("../content/templates/*.archlab.json")
 for _,f:=range fs{b,_:=os.ReadFile(f);docs=append(docs,b)}
 gs,_:=filepath.Glob("../rules/testdata/golden/*.json")
 for _,f:=range gs{ if strings.HasSuffix(f,".golden.json"){continue};b,_:=os.ReadFile(f);docs=append(docs,b)}
 xs,_:=filepath.Glob("../rules/testdata/fixtures/*.txtar")
 for _,f:=range xs{a,_:=txtar.ParseFile(f); for _,x:=range a.Files{ if strings.HasSuffix(x.Name,".json"){docs=append(docs,x.Data)}}}
 kinds:=map[string]int{}; ints:=map[string]int{}; bprops:=map[string]int{}; cprops:=map[string]int{}
 ok:=0
 for _,b:=range docs{ d,err:=design.Decode(b,cat); if err!=nil{continue}; ok++
  for _,bl:=range d.Blocks{kinds[bl.Kind]++; for k:=range bl.Props{bprops[bl.Kind+"."+k]++}}
  for _,c:=range d.Connections{ f:=d.Block(c.From).Kind; to:=d.Block(c.To).Kind; ints[f+"->"+to+" "+c.Integration]++; for k:=range c.Props{cprops[f+"->"+to+" "+c.Integration+" "+k]++}}}
 fmt.Println("docs",len(docs),"ok",ok)
 for _,m:=range []map[string]int{kinds,ints,bprops,cprops}{ var ks []string; for k:=range m{ks=append(ks,k)}; sort.Strings(ks); for _,k:=range ks{fmt.Printf("%5d %s\n",m[k],k)}; fmt.Println("----")}
}
