package iac
import ("fmt";"sort";"testing";"github.com/archlab/archlab/design")
func TestZZMeta(t *testing.T){
 cat:=design.Builtin()
 counts:=map[string]int{}
 ex:=map[string]string{}
 for name,d:=range roundTripDesigns(t){
  x,_,err:=exportSAM(d,cat); if err!=nil{t.Fatal(err)}
  for _,b:=range x.meta.Blocks{ k:="block "+b.Kind; counts[k]++; ex[k]=name}
  for _,id:=range x.resources.keys{ r:=x.resources.get(id).(*outRes); if r.meta==nil{continue}
    b:=x.byID[id]; if b==nil{continue}
    if p,ok:=r.meta.get("props").(map[string]any);ok{ for k:=range p{ kk:="set "+b.Kind+"."+k; counts[kk]++; ex[kk]=name}}
    if u,ok:=r.meta.get("unset").([]any);ok{ for _,k:=range u{ kk:=fmt.Sprint("unset ",b.Kind,".",k); counts[kk]++; ex[kk]=name}}
  }
  for _,c:=range x.meta.Connections{ f:=x.byID[c.From].Kind; to:=x.byID[c.To].Kind; kk:="conn "+f+"->"+to+" "+c.Integration; counts[kk]++; ex[kk]=name}
  for _,c:=range x.meta.Unwired{ kk:="unwired "+c.From+"->"+c.To+" "+c.Integration; counts[kk]++; ex[kk]=name}
 }
 var ks []string; for k:=range counts{ks=append(ks,k)}; sort.Strings(ks)
 for _,k:=range ks{fmt.Printf("%4d %s   (%s)\n",counts[k],k,ex[k])}
}
