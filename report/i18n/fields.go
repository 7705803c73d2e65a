package i18n

import (
	"strings"
	"sync"
)

// fieldNames are the Chinese names of the JSON fields of the result
// documents (the names of --format json, docs/*.md), which the web app's
// tables and lists show as their labels. A field not listed here (a
// bidder's, case's or scenario's own name used as a key) is shown as it is
// written. Rates and shares (names ending in _pct) are percentages.
var fieldNames = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"a_mean": "A 的均值", "b_mean": "B 的均值",
		"achieved_cagr_pct": "已实现年均增长率（%）", "actions": "行动", "active": "有效", "actual": "实际",
		"agency": "业主机构", "agency_pv": "业主机构成本现值", "all_in_cost": "综合成本", "allocation": "分配",
		"alt": "备选方案", "alternatives": "备选方案", "annual_disaster_loss": "年均灾害损失", "arithmetic": "算术",
		"at_contract": "签约时", "at_opening": "开通时", "auction": "拍卖",
		"banzhaf": "Banzhaf 值", "banzhaf_index": "Banzhaf 指数", "base": "基准值", "base_probability": "基准概率",
		"benefits_pv": "收益现值", "beta": "系数", "bid": "报价", "bidder": "投标人", "bidders": "投标人",
		"bids": "报价", "bounded": "有界", "break_even": "盈亏平衡值", "brier": "Brier 分数",
		"budget_pv": "预算现值", "by": "依据", "by_exporter": "按出口国", "by_kind": "按类型", "by_region": "按地区",
		"by_sector": "按行业", "cagr_pct": "年均增长率（%）", "can_win": "能否中标", "capex_pv": "资本支出现值",
		"case": "案例", "cases": "案例", "category": "类别", "change": "变化", "change_pct": "变化（%）",
		"china_loan": "中方贷款", "choice": "选择", "choice_probabilities": "选择概率", "civil_from": "土建方",
		"civil_share_pct": "土建份额（%）", "cliques": "团", "column_extreme": "列极点", "competitive": "竞争",
		"concession_cost": "优惠成本", "concessional": "是否优惠", "consortium_forms": "联合体是否成立",
		"contract_years": "合同年限", "cooperative": "合作", "core": "核", "cost": "成本", "cost_basis": "成本基础",
		"cost_game": "成本博弈", "cost_high": "成本上限", "cost_low": "成本下限", "count_2012": "2012 年数量",
		"count_2013": "2013 年数量", "counts": "计数", "cov": "协方差", "cross_validation": "交叉验证",
		"currency": "币种", "current": "当前值", "debt_service": "还本付息", "debt_service_per_unit": "单位还本付息",
		"debt_service_pv": "还本付息现值", "decided": "已决", "deciding": "决定性因素", "delta": "差值",
		"deterministic": "确定性", "diff_ci95_hi": "差值 95% 区间上限", "diff_ci95_lo": "差值 95% 区间下限",
		"diff_mean": "差值均值", "diff_sd": "差值标准差", "differences": "差值", "diffs": "差值",
		"disagreement": "谈判破裂点", "disbursed": "提款", "discount_pct": "贴现率（%）",
		"discount_rate_pct": "贴现率（%）", "doc": "文档", "draws": "抽样次数", "eac": "等额年成本",
		"effective_price": "有效价格", "efficiency_loss": "效率损失", "eirr_pct": "经济内部收益率（%）",
		"end": "终止年", "equilibria": "均衡", "equilibrium": "均衡", "equity_pv": "股本现值", "estimate": "估计值",
		"exact": "精确值", "exact_regrets": "精确遗憾值", "expected_cost": "期望成本", "expected_price": "期望价格",
		"expected_profit": "期望利润", "expected_profits": "期望利润", "expected_quality": "期望质量",
		"expected_score": "期望得分", "exporters": "出口国", "exporters_gain": "出口国收益",
		"exporters_total": "出口国合计", "facts": "事实", "features": "特征", "fees": "费用", "file": "文件",
		"finance_share_pct": "融资份额（%）", "financing": "融资", "financing_cost": "融资成本",
		"first_repayment_at_grace_end": "宽限期末首次还款", "fiscal_premium": "财政溢价", "flagged": "已标记",
		"flagged_by_kind": "按类型的标记数", "forgone_service": "延误损失的服务", "form": "形式", "found": "找到",
		"from": "起", "fx_drift": "汇率漂移", "fx_jpy_per_usd": "日元兑美元汇率", "grace_years": "宽限期（年）",
		"grant_element_pct": "赠与成分（%）", "grant_elements": "赠与成分", "grant_equivalent": "赠与等值",
		"grid": "网格", "guarantee_cost": "担保成本", "guarantee_cost_pct": "担保成本（%）",
		"guarantee_required": "是否要求担保", "guarantee_value": "担保价值", "hi": "上限", "hit": "命中",
		"hit_rate_pct": "命中率（%）", "hits": "命中数", "host": "东道国", "host_cost": "东道国成本",
		"host_currency": "东道国币种", "host_discount_pct": "东道国贴现率（%）", "host_gain": "东道国收益",
		"host_model": "东道国模型", "host_power_pct": "东道国议价能力（%）", "host_pv": "东道国成本现值",
		"host_surplus": "东道国剩余", "id": "编号", "income_group": "收入组别", "infoset": "信息集",
		"infosets": "信息集", "interest": "利息", "intervals": "区间", "item": "项目", "items": "项目",
		"joint_profit": "联合利润", "kalai_smorodinsky": "Kalai–Smorodinsky 解", "kept": "保留",
		"label": "标签", "lcc": "全寿命周期成本", "least_core_value": "最小核值", "lender": "贷款方",
		"lifecycle_pv": "全寿命周期成本现值", "line": "行", "lo": "下限", "loan": "贷款", "loan_host": "贷款东道国",
		"loan_rate_pct": "贷款利率（%）", "local_content_pct": "本地含量（%）", "local_content_value": "本地含量价值",
		"log_lik": "对数似然", "log_loss": "对数损失", "lowest_winning_bid": "最低中标报价",
		"lowest_winning_score": "最低中标得分", "margin": "差额", "markup_pct": "加价（%）", "markups_pct": "加价（%）",
		"maturity_years": "期限（年）", "max": "最大值", "max_deviation_gain": "最大偏离收益",
		"max_host_power_pct": "东道国议价能力上限（%）", "mean": "均值", "method": "口径", "min": "最小值",
		"min_synergy_pct": "最低协同效应（%）", "model": "模型", "moments": "矩", "monte_carlo": "蒙特卡洛",
		"n": "数量", "name": "名称", "names": "名称", "narrow_2012": "2012 年狭义订单", "narrow_2013": "2013 年狭义订单",
		"narrow_ratio": "狭义订单倍数", "nash": "纳什解", "new_winner": "新中标方", "no_sale_probability": "流拍概率",
		"non_empty": "非空", "non_extreme": "非极点", "note": "说明", "npv": "净现值", "nucleolus": "核仁",
		"offer": "报价", "offer_game": "报价博弈", "offers": "报价", "opening": "开通", "opening_years": "开通所需年数",
		"option": "选项", "options": "选项", "orders": "订单", "out_of_sample": "样本外", "outstanding": "未偿余额",
		"p": "概率", "p05": "第 5 百分位", "p10": "第 10 百分位", "p50": "中位数", "p90": "第 90 百分位",
		"p95": "第 95 百分位", "param": "参数", "params": "参数", "passed": "通过", "payments_per_year": "每年还款次数",
		"payoffs": "收益", "payoffs_float": "收益（小数）", "pays_both": "双方均获益", "per_year": "每年",
		"period": "期次", "player": "参与人", "players": "参与人", "plays": "行动", "points": "点数",
		"predicted": "预测", "predictions": "预测", "price": "价格", "price_weight": "价格权重", "price_year": "价格基年",
		"principal": "本金", "printed": "原文", "prob_alt_cheaper_agency": "备选方案业主成本更低的概率",
		"prob_b_greater": "B 大于 A 的概率", "probabilities": "概率", "probability": "概率", "profile": "还款方式",
		"profit": "利润", "project": "项目", "projects": "项目", "pseudotype": "伪类型", "pv": "现值",
		"pv_debt_service": "还本付息现值", "quality": "质量", "quantity": "量", "quasi_linear": "拟线性",
		"rank": "排名", "rate_pct": "利率（%）", "reach": "到达概率", "regret": "遗憾值", "regrets": "遗憾值",
		"rel_error": "相对误差", "rel_margin_pct": "相对差额（%）", "required_cagr_pct": "所需年均增长率（%）",
		"reserve": "保留价", "result": "结果", "revenue": "收入", "round": "轮次", "row_extreme": "行极点",
		"rows": "行", "rule": "规则", "runner_up": "次优方", "runs": "模拟次数", "scale": "数量级", "scenario": "情景",
		"scenarios": "情景", "score": "得分", "sd": "标准差", "se": "标准误", "second_price": "第二价格",
		"sector": "行业", "sectors": "行业", "seed": "随机种子", "sequences": "序列", "service_value": "服务价值",
		"setup": "设定", "shadow_price": "影子价格", "shadow_price_break_even": "影子价格盈亏平衡值",
		"shapley": "Shapley 值", "share_financed_pct": "融资比例（%）", "share_of_target_pct": "目标完成率（%）",
		"simulated": "模拟值", "soft_rate_pct": "优惠利率（%）", "soft_terms": "优惠条件", "solution": "解",
		"source": "来源", "start": "起始年", "std_err": "标准误", "steps": "步骤", "strategies": "策略",
		"strategy": "策略", "subsidy": "补贴", "summary": "摘要", "synergy_pct": "协同效应（%）", "target": "目标",
		"target_cost": "目标成本", "tech_transfer_pct": "技术转让（%）", "tech_transfer_value": "技术转让价值",
		"terms": "条件", "threshold_pct": "门槛（%）", "tied": "是否捆绑", "tied_cost": "捆绑成本",
		"tied_penalty_pct": "捆绑惩罚（%）", "time_value": "时间价值", "time_years": "时间（年）", "title": "标题",
		"to": "至", "top_bid": "最高报价", "top_score": "最高得分", "total": "合计", "totals": "合计",
		"trade_probability": "成交概率", "type": "类型", "type_kind": "类型分布", "unit": "单位", "user": "用户",
		"user_pv": "用户成本现值", "valid": "有效", "value": "数值", "values": "数值", "verification": "验证",
		"win_prob": "中标概率", "win_probability": "中标概率", "winner": "中标方", "worst_bidder": "最不利投标人",
		"worst_deviation_bid": "最不利偏离报价", "worst_type": "最不利类型", "x_param": "横轴参数",
		"y_param": "纵轴参数", "year": "年份",
	}
})

// Field returns the name of the JSON field key in language l: in English
// the key with spaces for underscores, in Chinese its name, or the key as
// written when it has none (a name used as a key).
func (l Lang) Field(key string) string {
	if l == ZH {
		if n, ok := fieldNames()[key]; ok {
			return n
		}
		return key
	}
	return strings.ReplaceAll(key, "_", " ")
}

// HasField reports whether the JSON field key has a Chinese name.
func HasField(key string) bool {
	_, ok := fieldNames()[key]
	return ok
}
