#!/usr/bin/env python3
# How close the centre's capacity comes to binding: for each therapy skill's clinicians, all the
# clinicians together, and each interpreter language (its interpreters and the clinicians who
# speak it), the most loaded interval [a, b] of days: minutes that finishing pathways must book
# there (sessions whose window lies inside it) over the minutes those resources work there.
# Below 1 everywhere, the lower bound's capacity term (Sources/Scheduler/CapacityBound.swift)
# adds nothing. A test-time diagnostic for docs/performance.md, cruder than the bound itself:
# weekdays Monday-Friday for every window, no absences, the generator's hours format only.
#
#   Scripts/capacity-load.py INSTANCE.json      (an instance from `parcours bench generate`)
import json,datetime,collections,sys
def show(name,n,best):
    load,where=best
    print(f'{name}: {n} resources, peak load {load:.0%}' + (f' on days {where[0]}-{where[1]} ({where[2]} of {where[3]} minutes)' if where else ''))
d=json.load(open(sys.argv[1]))
today=datetime.date.fromisoformat(d['today']); H=(datetime.date.fromisoformat(d['horizonEnd'])-today).days
closed={(datetime.date.fromisoformat(x)-today).days for x in d['closedDays']}
def wd(k): return (today+datetime.timedelta(k)).weekday()
def parse(h):
    days=[[] for _ in range(7)]
    for part in h.split(';'):
        part=part.strip()
        dd,rr=part.split(' ')
        names=['mon','tue','wed','thu','fri','sat','sun']
        sel=set()
        for g in dd.split(','):
            if '-' in g:
                a,b=g.split('-');sel|=set(range(names.index(a),names.index(b)+1))
            else: sel.add(names.index(g))
        for r in rr.split(','):
            a,b=r.split('-');m=lambda t:int(t[:2])*60+int(t[3:])
            for s in sel: days[s].append((m(a),m(b)))
    return days
cl=d['clinicians']
for c in cl: c['days']=parse(c['hours'])
def cap_day(c,k,dur):
    if k in closed or k<0 or k>H: return 0
    return sum((b-a)//dur*dur for a,b in c['days'][wd(k)])
def qual(c,s):
    return (not s['roles'] or c['role'] in s['roles']) and all(x in c['skills'] for x in s['skills'])
def workable(k):
    return 0<=k<=H and k not in closed and wd(k)<5
jobs=[]
for r in d['requests']:
    ss=r['sessions']; ref=(datetime.date.fromisoformat(r['referralDate'])-today).days
    e=[ref]
    while not workable(e[0]): e[0]+=1
    for s in ss[1:]:
        k=e[-1]+max(s.get('minDaysAfterPrevious') or 1,1)
        while k<=H and not workable(k): k+=1
        e.append(k)
    if e[-1]>H: continue
    L=[0]*len(ss); k=H
    while not workable(k): k-=1
    L[-1]=k
    for j in range(len(ss)-2,-1,-1):
        k=L[j+1]-max(ss[j+1].get('minDaysAfterPrevious') or 1,1)
        while not workable(k): k-=1
        L[j]=k
    jobs.append((r,e,L))
print(len(jobs),'pathways can finish alone')
# families: per skill therapy+closing
skills=sorted({s['skills'][0] for r in d['requests'] for s in r['sessions'] if s['skills']})
def family(pred, clins, dur):
    ent=[(e[j],L[j],r['sessions'][j]['durationMinutes']) for r,e,L in jobs for j in range(len(e)) if pred(r,j)]
    best=(0,None)
    As=sorted({x[0] for x in ent}); Bs=sorted({x[1] for x in ent})
    capd=[sum(cap_day(c,k,dur) for c in clins) for k in range(H+1)]
    pre=[0]
    for x in capd: pre.append(pre[-1]+x)
    for b in Bs:
        for a in As:
            if a>b: break
            dem=sum(m for ea,lb,m in ent if ea>=a and lb<=b)
            cap=pre[b+1]-pre[a]
            if cap>0 and dem/cap>best[0]: best=(dem/cap,(a,b,dem,cap))
    return best
for sk in skills:
    clins=[c for c in cl if sk in c['skills']]
    def pred(r,j,sk=sk):
        s=r['sessions'][j]; th=[x for x in r['sessions'] if x['skills']]
        return th and th[0]['skills'][0]==sk and (s['skills'] or s.get('continuity'))
    show(sk,len(clins),family(pred,clins,60 if sk!='emdr' else 30))
show('all clinicians',len(cl),family(lambda r,j:True,cl,30))
pats={p['code']:p for p in d['patients']}
for it in d['interpreters']: it['days']=parse(it['hours'])
for lang in sorted({p['language'] for p in d['patients'] if p.get('needsInterpreter')}):
    res=[i for i in d['interpreters'] if lang in i['languages']]+[c for c in cl if lang in c['languages']]
    show('language '+lang,len(res),family(lambda r,j,lang=lang:pats[r['patient']].get('needsInterpreter') and pats[r['patient']]['language']==lang,res,30))
