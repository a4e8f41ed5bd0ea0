//! Groups of quotes as a union–find forest, with what keeps two groups apart — speakers
//! known to differ, pinning to two different saved statements — and each group's fullest
//! member, which a new quote is compared with before it may join.

use super::prepared::Prepared;
use crate::model::StatementId;

/// Sets of quotes that belong together, with what keeps two sets apart.
pub struct Sets {
    parent: Vec<u32>,
    speaker: Vec<Option<u32>>,
    pinned: Vec<Option<StatementId>>,
    /// Each root's longest member.
    rep: Vec<u32>,
    /// Each quote's number of words.
    len: Vec<u32>,
}

impl Sets {
    /// Every quote alone.
    pub fn new(prepared: &Prepared) -> Self {
        let n = prepared.quotes.len();
        let ids: Vec<u32> = (0..u32::try_from(n).unwrap_or(u32::MAX)).collect();
        Sets {
            rep: ids.clone(),
            len: prepared
                .words
                .iter()
                .map(|w| u32::try_from(w.tokens.len()).unwrap_or(u32::MAX))
                .collect(),
            parent: ids,
            speaker: prepared.speaker.clone(),
            pinned: prepared
                .quotes
                .iter()
                .map(|q| q.pinned.map(|p| p.0))
                .collect(),
        }
    }

    /// The set `x` is in.
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let up = self.parent[self.parent[x] as usize];
            self.parent[x] = up;
            x = up as usize;
        }
        x
    }

    /// Whether the sets of `a` and `b` (roots) may become one.
    pub fn compatible(&self, a: usize, b: usize) -> bool {
        let differ = |x: Option<u32>, y: Option<u32>| x.is_some() && y.is_some() && x != y;
        !differ(self.speaker[a], self.speaker[b])
            && !differ(self.pinned[a].map(|p| p.0), self.pinned[b].map(|p| p.0))
    }

    /// Joins the sets of `a` and `b` if they may be joined; whether they now are one.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !self.compatible(ra, rb) {
            return false;
        }
        self.parent[rb] = u32::try_from(ra).unwrap_or(u32::MAX);
        self.speaker[ra] = self.speaker[ra].or(self.speaker[rb]);
        self.pinned[ra] = self.pinned[ra].or(self.pinned[rb]);
        let (x, y) = (self.rep[ra], self.rep[rb]);
        if (self.len[y as usize], std::cmp::Reverse(y))
            > (self.len[x as usize], std::cmp::Reverse(x))
        {
            self.rep[ra] = y;
        }
        true
    }

    /// The longest member of root `r`'s set (the first on a tie).
    pub fn rep(&self, r: usize) -> usize {
        self.rep[r] as usize
    }

    /// The known speaker of root `r`'s set.
    pub fn speaker(&self, r: usize) -> Option<u32> {
        self.speaker[r]
    }

    /// The saved statement root `r`'s set is pinned to.
    pub fn pinned(&self, r: usize) -> Option<StatementId> {
        self.pinned[r]
    }
}
