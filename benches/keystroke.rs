//! Keystroke to frame: how long the full-screen program takes from a key
//! being pressed to the next frame being drawn, while editing a 2,000-word
//! answer, at 120x40 and at 80x24.
//!
//! The app is driven as the event loop drives it (`on_key`, `tick`, then
//! `view::draw`), drawing into ratatui's `TestBackend`, so the time covers
//! handling the key, laying out and drawing the frame and working out what
//! changed on screen, but not writing to a real terminal.
//!
//! Run with `cargo bench --bench keystroke`. Besides criterion's numbers it
//! prints the 50th, 99th and 99.9th percentiles of single keystrokes;
//! docs/performance.md has the results.

use std::hint::black_box;
use std::time::{Duration, Instant};

use alongside::bank::{AnswerValue, Bank};
use alongside::dates::Moment;
use alongside::group::Author;
use alongside::paths::DataDir;
use alongside::store::OpenGroup;
use alongside::tui::App;
use alongside::tui::theme::Theme;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn clock() -> Moment {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

/// 2,000 words of the kind a group writes, in paragraphs.
fn answer_of_2000_words() -> String {
    let sentence =
        "We meet every Tuesday in the church hall, share a cup of tea and talk about the week.";
    let words = sentence.split_whitespace().count();
    let mut text = String::new();
    for i in 0..(2000 / words + 1) {
        text.push_str(sentence);
        text.push(if i % 5 == 4 { '\n' } else { ' ' });
    }
    let text: Vec<&str> = text.split(' ').collect();
    let mut out = String::new();
    let mut n = 0;
    for w in text {
        n += w.split_whitespace().count();
        out.push_str(w);
        out.push(' ');
        if n >= 2000 {
            break;
        }
    }
    out.trim().to_string()
}

/// The demo group open on `who_for`, holding a 2,000-word answer, with the
/// cursor at the end of it. The temporary folder must outlive the app.
fn editing() -> (tempfile::TempDir, App) {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path().join("data"));
    let mut open = OpenGroup::create_from(&data, alongside::demo::demo_group().unwrap()).unwrap();
    open.group.set_answer(
        "who_for",
        AnswerValue::Text(answer_of_2000_words()),
        Author::Group,
        clock(),
    );
    open.save().unwrap();
    let slug = open.group.slug.clone();
    drop(open);
    let mut app = App::with_clock(data, Bank::builtin().unwrap(), Theme::normal(), clock);
    app.open_group(&slug);
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)); // the group is typing
    app.answer_question("who_for");
    assert_eq!(app.current_question().unwrap().id, "who_for");
    (tmp, app)
}

/// Keys a person types: letters, a space, now and then a backspace.
fn keystroke(i: usize) -> KeyEvent {
    let code = match i % 12 {
        5 | 11 => KeyCode::Char(' '),
        7 => KeyCode::Backspace,
        n => KeyCode::Char((b'a' + n as u8) as char),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn one_keystroke(app: &mut App, terminal: &mut Terminal<TestBackend>, i: usize) {
    app.on_key(keystroke(i));
    app.tick(Instant::now());
    terminal
        .draw(|f| alongside::tui::view::draw(f, black_box(&*app)))
        .unwrap();
}

fn percentiles(width: u16, height: u16) {
    let (_tmp, mut app) = editing();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    for i in 0..200 {
        one_keystroke(&mut app, &mut terminal, i);
    }
    let mut times: Vec<Duration> = (0..5000)
        .map(|i| {
            let t = Instant::now();
            one_keystroke(&mut app, &mut terminal, i);
            t.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "keystroke to frame at {width}x{height}, 2,000-word answer, 5000 keys: p50 {:.3} ms, p99 {:.3} ms, p99.9 {:.3} ms, max {:.3} ms",
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(0.999).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
}

fn bench(c: &mut Criterion) {
    for (w, h) in [(120, 40), (80, 24)] {
        percentiles(w, h);
        let (_tmp, mut app) = editing();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut i = 0;
        c.bench_function(&format!("keystroke_to_frame_2000_words_{w}x{h}"), |b| {
            b.iter(|| {
                i += 1;
                one_keystroke(&mut app, &mut terminal, i);
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
