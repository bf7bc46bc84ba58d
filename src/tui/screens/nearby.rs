//! Who funded groups like this one nearby: the open grants data, in the
//! same tiers as `alongside nearby`, opened from the funders screen, with
//! the grants behind the selected funder.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::{Handled, Input, Screen};
use crate::grants_data::{Nearby as Found, Tier};
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled};

/// Funders shown in each tier on screen (the command line's `--limit`
/// gives more).
const PER_TIER: usize = 10;

#[derive(Debug)]
pub struct Nearby {
    /// What the grants data says, or why it cannot say anything.
    found: Result<Found, String>,
    pub cursor: ListCursor,
}

impl Nearby {
    /// Works out the funders from the grants data for the group's answers
    /// as they stand now.
    pub fn open(ctx: &Ctx) -> Nearby {
        let today = ctx.today();
        let profiles: Vec<&crate::funders::Profile> = ctx
            .catalogue()
            .profiles
            .iter()
            .map(|l| &l.profile)
            .collect();
        let found = match &ctx.session {
            None => Err("Open a group first.".to_string()),
            Some(s) => crate::grants_data::Index::open(&ctx.ws.data)
                .and_then(|index| {
                    crate::grants_data::nearby(
                        &index,
                        &crate::grants_data::Query {
                            group: &s.open.group,
                            within: None,
                            limit: PER_TIER,
                            profiles: &profiles,
                            today,
                            vocab: ctx.ws.vocab,
                        },
                    )
                })
                .map_err(|e| e.to_string()),
        };
        Nearby {
            found,
            cursor: ListCursor::default(),
        }
    }

    /// What the grants data said, or why it could not say anything.
    pub fn found(&self) -> Result<&Found, &str> {
        self.found.as_ref().map_err(String::as_str)
    }

    /// Starts a funder profile for the highlighted funder from the grants
    /// data, as `alongside funders new ID --from-grants-data ORG_ID` does,
    /// with an id made from its name; then works the tiers out again so it
    /// shows with its verdict.
    fn profile_from_grants_data(&mut self, ctx: &mut Ctx) {
        use crate::funders::user_profiles::{self, NewFunder};
        let Ok(found) = &self.found else { return };
        let Some(funder) = found.funders.get(self.cursor.index()) else {
            return;
        };
        if let Some(id) = &funder.profile {
            let text = format!("{} already has a profile: {id}.", funder.funder_name);
            return ctx.say(StatusKind::Info, text);
        }
        let org_id = funder.funder_org_id.clone();
        let summary = crate::grants_data::Index::open(&ctx.ws.data)
            .map_err(|e| e.to_string())
            .and_then(|index| {
                crate::grants_data::lookup(&index, &org_id).map_err(|e| e.to_string())
            });
        let summary = match summary {
            Ok(summary) => summary,
            Err(e) => return ctx.say(StatusKind::Error, e),
        };
        let given = NewFunder {
            id: user_profiles::free_id(ctx.catalogue(), &summary.name),
            ..NewFunder::default()
        };
        let made = user_profiles::from_grants_data(&given, &summary, ctx.today());
        let profile = made.profile;
        let path = user_profiles::save_path(&ctx.ws.data.funders(), &profile, None);
        if let Err(e) = user_profiles::save(&path, &profile) {
            return ctx.say(StatusKind::Error, e.to_string());
        }
        ctx.reload_funders();
        ctx.refresh_matches();
        self.found = Nearby::open(ctx).found;
        self.cursor.clamp(self.len());
        let mut text = format!(
            "Started the profile {} for {}: in the grants data it {}. That is what it gave, not its rules. Add its questions with {} on the funders screen.",
            profile.id,
            profile.name,
            summary.gave,
            ctx.keymap.label_in(Context::Funders, Action::AddQuestions)
        );
        for note in made.notes {
            text.push(' ');
            text.push_str(&note);
        }
        ctx.say(StatusKind::Info, text);
    }

    fn len(&self) -> usize {
        self.found.as_ref().map_or(0, |f| f.funders.len())
    }
}

impl Screen for Nearby {
    fn name(&self) -> &'static str {
        "nearby"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Nearby
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Back, Action::AddFunder]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Back) => Handled::Pop,
            Some(Action::AddFunder) => {
                self.profile_from_grants_data(ctx);
                Handled::Done
            }
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_found(frame, ctx, area, &self.found, self.cursor.index());
    }
}

fn draw_found(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    found: &Result<Found, String>,
    cursor: usize,
) {
    let t = &app.theme;
    let found: &Found = match found {
        Ok(found) => found,
        Err(message) => {
            frame.render_widget(
                Paragraph::new(one_line(message))
                    .style(t.text)
                    .wrap(Wrap { trim: true })
                    .block(titled(app, "Who funded groups like yours nearby")),
                area,
            );
            return;
        }
    };
    let width = area.width.saturating_sub(2) as usize;
    let mut intro: Vec<String> = vec![format!(
        "From {} grants funders published (360Giving): what they gave, not their rules. Your area: {}.",
        found.grants_in_index,
        found.area.as_deref().unwrap_or("not known")
    )];
    if !found.words.is_empty() {
        intro.push(format!("Your kind of work: {}.", found.words.join(", ")));
    }
    intro.extend(found.notes.iter().cloned());
    let intro: Vec<Line> = intro
        .iter()
        .flat_map(|l| crate::text::wrap(&one_line(l), width))
        .take(4)
        .map(|l| Line::from(Span::styled(l, t.text)))
        .collect();
    let detail_rows = if area.height >= 30 { 12 } else { 8 };
    let [top, body, detail] = Layout::vertical([
        Constraint::Length(intro.len() as u16),
        Constraint::Min(4),
        Constraint::Length(detail_rows),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(intro), top);

    // Each tier's heading, then its funders; the cursor counts funders only.
    let mut items: Vec<ListItem> = Vec::new();
    let mut selected = None;
    let mut n = 0;
    for tier in Tier::ALL {
        let total = found
            .tier_totals
            .iter()
            .find(|(x, _)| *x == tier)
            .map_or(0, |(_, c)| *c);
        items.push(ListItem::new(Line::from(Span::styled(
            format!("{} ({total})", tier.heading()),
            t.title,
        ))));
        for f in found.funders.iter().filter(|f| f.tier == tier) {
            if n == cursor {
                selected = Some(items.len());
            }
            n += 1;
            let evidence = match tier {
                Tier::WorkAndArea => format!("{} of your kind here", f.work_and_area_grants),
                Tier::WorkElsewhere => format!("{} of your kind", f.work_grants),
                Tier::AreaOtherWork => format!("{} in your area", f.area_grants),
                Tier::TooFew => format!("{} published", f.grants),
            };
            let name: String = one_line(&f.funder_name)
                .chars()
                .take(width.saturating_sub(evidence.len() + 8))
                .collect();
            items.push(ListItem::new(Line::from(vec![
                Span::styled(format!("  {name}  "), t.text),
                Span::styled(evidence, t.dim),
            ])));
        }
    }
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(
        list(app, items, "Who funded groups like yours nearby"),
        body,
        &mut state,
    );

    let (title, lines) = match found.funders.get(cursor) {
        Some(f) => (
            format!(
                "{} ({})",
                one_line(&f.funder_name),
                one_line(&f.funder_org_id)
            ),
            f.evidence()
                .iter()
                .flat_map(|l| crate::text::wrap(&one_line(l), width))
                .map(|l| Line::from(Span::styled(l, t.text)))
                .collect(),
        ),
        None => (
            "No funders".to_string(),
            vec![Line::from(Span::styled(
                "No published grant is your kind of work or in your area.",
                t.dim,
            ))],
        ),
    };
    frame.render_widget(Paragraph::new(lines).block(titled(app, &title)), detail);
}
