package models

import (
	"strings"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// fileParamKind classifies a tender or life-cycle-cost parameter for
// [sweep.Spec.CheckUnits]: a rate or share ([units.KindOf] of its decimal
// name) in percent when named with _pct ([tender.PctParam]), a fraction
// otherwise.
func fileParamKind(name string) (units.Kind, units.Scale, bool) {
	base, pct := tender.PctParam(name)
	if !pct {
		if _, rate := tender.ShownParam(name); !rate {
			return 0, 0, false
		}
	}
	k, ok := units.KindOf(base)
	if !ok {
		return 0, 0, false
	}
	if pct {
		return k, units.Percent, true
	}
	return k, units.Fraction, true
}

// UnitKind classifies a tender parameter (see [sweep.UnitKinds]).
func (m *Tender) UnitKind(name string) (units.Kind, units.Scale, bool) { return fileParamKind(name) }

// UnitKind classifies a study parameter (see [sweep.UnitKinds]).
func (m *LCC) UnitKind(name string) (units.Kind, units.Scale, bool) { return fileParamKind(name) }

// UnitKind classifies a simulation parameter (see [sweep.UnitKinds]) as
// scenario files check it ([market.ParamKind]).
func (m *Sim) UnitKind(name string) (units.Kind, units.Scale, bool) { return market.ParamKind(name) }

// UnitKind classifies a contest parameter (see [sweep.UnitKinds]): the
// host's bargaining power and the consortium's shares are shares.
func (m *Contest) UnitKind(name string) (units.Kind, units.Scale, bool) {
	base, pct := strings.CutSuffix(name, "_pct")
	switch base {
	case "host_power", "synergy", "civil_share", "finance_share":
		if pct {
			return units.Share, units.Percent, true
		}
		return units.Share, units.Fraction, true
	}
	return 0, 0, false
}
