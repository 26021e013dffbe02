  // The accessibility mirror: a DOM tree beside the canvas that assistive technology reads and
  // operates, kept in step with what the console draws (ui/a11y_tree.h says what each view draws,
  // platform/a11y_mirror.h sends only what changed: an idle console touches nothing here). Elements
  // sit where their widgets are drawn, transparent (opacity 0, still in the accessibility tree) and
  // without pointer events, so the canvas keeps the mouse; they stay out of the Tab order (tabindex
  // -1), which the canvas's keyboard handling owns. Operating one (a screen reader's click, Enter or
  // Space) calls the console with its node id, which does what a click on the widget does.
  //
  // This file is a part of roster-embed.js: scripts/assemble_site.sh puts it in place of the line
  // naming it there, inside that file's function scope (hosts include one script).
  //
  // What a wheel step costs is what the grids' rows cost: each step brings a few rows in and takes a
  // few out. A rowgroup's rows are placed from the top of its content (an inner element the step
  // moves, one style write), so the rows that stay are not touched at all; a row that comes takes the
  // element of one that went and is put at its place in the document, which stays the reading order.
  // A table's rows come flat, as a shape the page keeps and the row's values (fillRow): refilling an
  // element of that shape writes the values that differ and nothing else. Inside a row, the element
  // children are slots refilled in order with the nodes it holds now. A cell says its text by
  // aria-label, not by a text node: a text node is laid out and painted (shaped glyphs, though nobody
  // sees them), an attribute is not.
  function createMirror(canvas, act) {
    const root = document.createElement('div');
    root.className = 'roster-a11y';
    // Placed here too, for host pages without roster.css.
    root.style.cssText = 'position:absolute;inset:0;overflow:hidden;opacity:0;pointer-events:none';
    canvas.after(root);
    const prefix = canvas.id + '-a11y-';
    // Every node outside rowgroups' rows as last sent, by id, and its parent's id.
    const nodes = new Map();
    const parentOf = new Map();
    // The shown elements of nodes outside rowgroups' rows, by id (a rowgroup's own is one of them),
    // each as {el, node, ratio}: the node and pixel ratio it was last filled with. A rowgroup's also
    // has `rows`, its rows' shown elements by id (the same shape, with `slots`: those of its element
    // children, and theirs), `order`, their ids in order, `pool`, shown elements of rows that went,
    // out of the document, for rows to come, and `inner`, the element of its content.
    const elements = new Map();
    // The live region exists from the start: a region added with its first words is not announced.
    const live = document.createElement('div');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.dataset.rosterId = 'live';
    live.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:1px';
    root.appendChild(live);
    elements.set('live', { el: live, node: { id: 'live', role: 'status' }, ratio: 0, slots: null, named: true });
    const landmarks = { navigation: 'nav', main: 'main' };
    // Roles an element says by its tag (create() makes it), which need no role attribute. A tab is a
    // <button> that says role=tab.
    const native = { navigation: 1, main: 1, heading: 1, link: 1, button: 1, searchbox: 1, textbox: 1, text: 1 };
    const operable = { link: 1, button: 1, tab: 1, checkbox: 1, radio: 1, menuitem: 1, menuitemcheckbox: 1,
      menuitemradio: 1, option: 1 };
    // Roles whose accessible name is their text (the others are named by aria-label; a cell's text is
    // its aria-label).
    const namedByText = { link: 1, button: 1, tab: 1, heading: 1, columnheader: 1, listitem: 1, checkbox: 1,
      radio: 1, menuitem: 1, menuitemcheckbox: 1, menuitemradio: 1, option: 1 };
    const none = {};

    // `slotted`: inside a rowgroup, where an element stands for whichever node its slot holds now, so
    // it carries no id attribute (nothing refers to it by one, and a document's id map is work).
    function create(n, slotted) {
      let el;
      if (landmarks[n.role]) el = document.createElement(landmarks[n.role]);
      else if (n.role === 'heading') el = document.createElement('h' + Math.min(6, n.level || 2));
      else if (n.role === 'link') { el = document.createElement('a'); el.href = '#'; }
      else if (n.role === 'button' || n.role === 'tab') { el = document.createElement('button'); el.type = 'button'; }
      else if (n.role === 'text') el = document.createElement('p');
      else if (n.role === 'searchbox' || n.role === 'textbox') {
        // A real field with a real label; its typing sets the console's search, or a dialog's field.
        el = document.createElement('label');
        const text = document.createElement('span');
        const input = document.createElement('input');
        input.type = n.role === 'searchbox' ? 'search' : 'text';
        input.tabIndex = -1;
        input.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;box-sizing:border-box';
        input.addEventListener('input', function () { act(el.dataset.rosterId, 'text', input.value); });
        el.append(text, input);
      } else el = document.createElement('div');
      if (!native[n.role]) el.setAttribute('role', n.role);
      // Operable, and reachable by a screen reader's own focus, but out of the page's Tab order.
      if (operable[n.role]) el.tabIndex = -1;
      if (!slotted) el.id = prefix + n.id.replace(/[^A-Za-z0-9_-]/g, '_');
      el.dataset.role = n.role;
      el.style.position = 'absolute';
      el.style.margin = '0';
      return el;
    }
    // An attribute set or cleared, compared with what the element was last filled with (`was`), not
    // read back from the document.
    function attr(el, name, value, was) {
      if (value === was) return;
      if (value === undefined || value === null || value === '') el.removeAttribute(name);
      else el.setAttribute(name, String(value));
    }
    function bool(v) { return v === undefined ? undefined : String(v); }
    function px(v, ratio) { return v / ratio + 'px'; }
    // Two cells alike but for their words (and ids): the fields a cell can carry, compared directly.
    function sameButWords(a, b) {
      const ra = a.rect || [], rb = b.rect || [];
      return a.colindex === b.colindex && !a.action === !b.action && a.selected === b.selected &&
        a.expanded === b.expanded && a.checked === b.checked && a.disabled === b.disabled && a.name === b.name &&
        ra[0] === rb[0] && ra[1] === rb[1] && ra[2] === rb[2] && ra[3] === rb[3];
    }
    // A rowgroup's content top (device pixels from its own), as last written with its pixel ratio: a
    // wheel step's one style write for the rows that stay.
    function placeContent(shown, content, ratio) {
      if (shown.top === content && shown.topRatio === ratio) return;
      shown.inner.style.top = px(content, ratio);
      shown.top = content;
      shown.topRatio = ratio;
    }
    // Two rows alike but for what a wheel step changes in a row that takes another's place (its id,
    // top, index and selection): the fields a row can carry, compared directly.
    function sameButPlace(a, b) {
      const ra = a.rect || [], rb = b.rect || [];
      return a.name === b.name && a.level === b.level && a.expanded === b.expanded && a.checked === b.checked &&
        a.disabled === b.disabled && a.current === b.current && !a.action === !b.action && a.colindex === b.colindex &&
        a.rowcount === b.rowcount && a.colcount === b.colcount && a.sort === b.sort && a.modal === b.modal &&
        a.value === b.value && ra[0] === rb[0] && ra[2] === rb[2] && ra[3] === rb[3];
    }
    // Fills a shown element (`shown`, {el, node, ratio}) with node `n`, writing only what differs
    // from the node it showed before (none for a new element); nothing is read back from the document.
    function fill(shown, n, ratio) {
      const el = shown.el;
      const was = shown.node && shown.ratio === ratio ? shown.node : none;
      if (shown.named && n.id !== (shown.node && shown.node.id)) el.setAttribute('data-roster-id', n.id);
      shown.node = n;
      shown.ratio = ratio;
      // A wheel step's bulk: a slot's cell taking the same column of another row, its words alone new.
      if (n.role === 'gridcell' && was.role === 'gridcell' && sameButWords(n, was)) {
        if (n.value !== was.value) attr(el, 'aria-label', n.value, was.value);
        return;
      }
      // A row's element taking another row (a wheel step's few): its place, index and selection.
      if (n.role === 'row' && was.role === 'row' && sameButPlace(n, was)) {
        const y = n.rect ? n.rect[1] : 0;
        if (y !== (was.rect ? was.rect[1] : 0)) el.style.top = px(y, ratio);
        if (n.rowindex !== was.rowindex) attr(el, 'aria-rowindex', n.rowindex, was.rowindex);
        if (n.selected !== was.selected) attr(el, 'aria-selected', bool(n.selected), bool(was.selected));
        return;
      }
      const r = n.rect || [0, 0, 0, 0];  // relative to the parent's, device pixels
      const w = was.rect || [];
      if (r[0] !== w[0]) el.style.left = px(r[0], ratio);
      if (r[1] !== w[1]) el.style.top = px(r[1], ratio);
      if (r[2] !== w[2]) el.style.width = px(Math.max(1, r[2]), ratio);
      if (r[3] !== w[3]) el.style.height = px(Math.max(1, r[3]), ratio);
      if (shown.inner) placeContent(shown, n.content || 0, ratio);
      const role = n.role;
      if (role === 'searchbox' || role === 'textbox') {
        if (n.name !== was.name) el.firstChild.textContent = n.name || '';
        const input = el.lastChild;
        if (document.activeElement !== input && input.value !== (n.value || '')) input.value = n.value || '';
      } else if (role === 'gridcell') {
        attr(el, 'aria-label', n.value, was.value);
      } else if (role === 'status' || role === 'alert' || role === 'text') {
        if (el.textContent !== (n.value || '')) el.textContent = n.value || '';
      } else if (namedByText[role]) {
        if (was === none || n.name !== was.name || n.value !== was.value)
          el.textContent = n.name + (role === 'button' && n.value ? ' (' + n.value + ')' : '');
      } else if (role === 'tabpanel') {
        attr(el, 'aria-labelledby', prefix + (n.name || '').replace(/[^A-Za-z0-9_-]/g, '_'),
          was.name === undefined ? undefined : prefix + was.name.replace(/[^A-Za-z0-9_-]/g, '_'));
      } else {
        attr(el, 'aria-label', n.name, was.name);
      }
      attr(el, 'aria-rowcount', n.rowcount, was.rowcount);
      attr(el, 'aria-colcount', n.colcount, was.colcount);
      attr(el, 'aria-rowindex', n.rowindex, was.rowindex);
      attr(el, 'aria-colindex', n.colindex, was.colindex);
      attr(el, 'aria-sort', n.sort, was.sort);
      if (role === 'row') attr(el, 'aria-level', n.level, was.level);  // a tree grid's row (a heading's level is its tag)
      attr(el, 'aria-current', n.current, was.current);
      attr(el, 'aria-selected', bool(n.selected), bool(was.selected));
      attr(el, 'aria-expanded', bool(n.expanded), bool(was.expanded));
      attr(el, role === 'button' ? 'aria-pressed' : 'aria-checked', bool(n.checked), bool(was.checked));
      attr(el, 'aria-disabled', bool(n.disabled), bool(was.disabled));
      attr(el, 'aria-modal', bool(n.modal), bool(was.modal));
      // An operable cell or header can take a screen reader's focus (what it does is the node's action).
      if (n.action && !was.action && (role === 'gridcell' || role === 'columnheader')) el.tabIndex = -1;
    }

    // A row drawn into its element and its element's slots: the node's children ("kids", nested by
    // the update) take the slots in order; a slot of another role is replaced; the ones left over
    // go. A slot already showing its node is not touched. A slot's element says its node's id
    // (data-roster-id) only for a row: a wheel step would rename every cell, and nothing looks a cell
    // up by its id (an action finds its node through `slotOf`).
    const slotOf = new WeakMap();
    function slot(n) {
      const s = { el: create(n, true), node: null, ratio: 0, slots: [], named: n.role === 'row' };
      slotOf.set(s.el, s);
      return s;
    }
    function fillTree(shown, n, ratio) {
      if (shown.node !== n || shown.ratio !== ratio) fill(shown, n, ratio);
      fillKids(shown, n.kids || [], ratio);
    }
    function fillKids(shown, list, ratio) {
      const slots = shown.slots;
      for (let i = 0; i < list.length; ++i) {
        const k = list[i];
        let s = slots[i];
        if (!s || s.node.role !== k.role) {
          const made = slot(k);
          if (s) s.el.replaceWith(made.el); else shown.el.appendChild(made.el);
          s = slots[i] = made;
        }
        fillTree(s, k, ratio);
      }
      for (let i = list.length; i < slots.length; ++i) slots[i].el.remove();
      slots.length = list.length;
    }
    // A row sent flat (platform/a11y_mirror.h): its own fields, the key of its shape (its nodes but
    // for their ids and values, kept in `shapes`) and its nodes' values in nesting order. An element
    // already showing a row of that shape takes the row's values alone, each written where it differs
    // (a wheel step's bulk: a refilled row's words); any other is filled from the shape made whole,
    // and its slots in nesting order (`flat`) kept for the next time. A slot's node is its own, so its
    // value is kept in step in place; its id is its row's now and its suffix (`sfx`), which an action
    // puts together (target), not each refill.
    const shapes = new Map();
    function fillRow(shown, n, ratio) {
      if (!n.shape) {
        shown.shape = null;
        fillTree(shown, n, ratio);
        return;
      }
      const shape = shapes.get(n.shape);
      if (!shape) return;  // never sent: the update is out of step with this page; nothing to show
      if (shown.node !== n || shown.ratio !== ratio) fill(shown, n, ratio);
      const values = n.values;
      if (shown.shape === n.shape && shown.shapeRatio === ratio) {
        const flat = shown.flat;
        for (let i = 0; i < flat.length; ++i) {
          const k = flat[i], node = k.node, value = values[i];
          if (value === node.value) continue;
          if (node.role === 'gridcell') {
            if (value) k.el.setAttribute('aria-label', value); else k.el.removeAttribute('aria-label');
            node.value = value;
          } else {
            fill(k, Object.assign({}, node, { id: n.id + node.sfx, value: value }), ratio);
          }
        }
        return;
      }
      let next = 0;
      const whole = function (kids) {
        return kids.map(function (t) {
          const node = Object.assign({}, t, { id: n.id + t.sfx, value: values[next++] });
          if (t.kids) node.kids = whole(t.kids);
          return node;
        });
      };
      fillKids(shown, whole(shape), ratio);
      const flat = [];
      const collect = function (s) { s.slots.forEach(function (k) { k.rowOf = shown; flat.push(k); collect(k); }); };
      collect(shown);
      shown.flat = flat;
      shown.shape = n.shape;
      shown.shapeRatio = ratio;
    }

    // A rowgroup's rows (`g`, from the update's "rows"), shown by id in `shown.rows`: a row that stays
    // and is not sent keeps its element untouched; the elements of rows that went are given to the
    // rows that came, refilled where they differ. Elements follow the rows' order in the document
    // (the reading order), moved as little as can be: a row that came takes, when there is one, the
    // freed element already standing where it goes (a new search refills every row in place), else
    // a freed one from elsewhere, refilled where it stands and moved to its place at idle time
    // (laterInOrder). Rows are placed from the top of the group's content (`shown.inner`), which a
    // wheel step moves.
    const kRowPool = 64;  // a rowgroup's rows kept out of the document for reuse, at most
    function renderRows(shown, g, ratio) {
      const holder = shown.inner;
      if (g.content !== undefined) placeContent(shown, g.content, ratio);  // the group's node unchanged else
      let disordered = false;
      const freed = new Map();  // the shown entries of rows that went by their elements, still in place
      if (g.order) {
        const keep = new Set(g.order);
        for (const [id, s] of shown.rows) {
          if (keep.has(id)) continue;
          shown.rows.delete(id);
          freed.set(s.el, s);
        }
        shown.order = g.order;
      }
      const fills = g.fill || [];
      const sent = new Map();
      for (let i = 0; i < fills.length; ++i) sent.set(fills[i].id, fills[i]);
      const order = shown.order;
      let cursor = holder.firstChild;  // the first element not yet placed
      for (let i = 0; i < order.length; ++i) {
        const id = order[i];
        const n = sent.get(id);
        let s = shown.rows.get(id);
        if (s && n && s.node.role !== n.role) { shown.rows.delete(id); freed.set(s.el, s); s = null; }
        if (!s) {
          if (!n) continue;  // a row never sent: nothing to show for it
          const here = cursor && freed.get(cursor);
          if (here && here.node.role === n.role) {
            s = here;  // refilled where it stands
          } else {
            s = null;
            for (const f of freed.values()) if (f.node.role === n.role && f.el !== cursor) { s = f; break; }
            for (let k = shown.pool.length - 1; !s && k >= 0; --k)
              if (shown.pool[k].node.role === n.role) s = shown.pool.splice(k, 1)[0];
            if (!s) s = slot(n);
          }
          freed.delete(s.el);
          shown.rows.set(id, s);
        } else if (freed.size) {
          // Freed elements before a row that stays are passed over (they go, or move, later).
          while (cursor && freed.has(cursor)) cursor = cursor.nextSibling;
        }
        if (n) fillRow(s, n, ratio);
        if (cursor === s.el) cursor = cursor.nextSibling;
        else if (s.el.parentNode !== holder) holder.insertBefore(s.el, cursor);  // new, or from the pool
        else disordered = true;  // in the group, elsewhere: moved at idle time
      }
      if (disordered) laterInOrder(shown);
      // The rest go, and are kept for rows to come (a search narrowed to a few rows and widened again,
      // the end of the list and back): those refill these instead of making ten elements a row.
      for (const f of freed.values()) {
        f.el.remove();
        if (shown.pool.length < kRowPool) shown.pool.push(f);
      }
    }

    // Rows put in reading order at idle time. A wheel step's rows that came refill the elements of
    // the rows that went (the top's, scrolling down), where those stand; moving them to their place
    // in the document (out and back in, their boxes rebuilt) costs about as much again, and waits
    // for idle time, out of the scrolling frames. Places on screen, words and row indexes are right
    // at once; only the order a screen reader reads the rows in waits: until the scrolling has been
    // still for 100 ms, then for idle time (100 ms at most).
    const disorderedGroups = new Set();
    let reorderPending = false;
    let reorderStats = [];
    function reorderRows() {
      const start = performance.now();
      reorderPending = false;
      disorderedGroups.forEach(function (shown) {
        let cursor = shown.inner.firstChild;
        shown.order.forEach(function (id) {
          const s = shown.rows.get(id);
          if (!s) return;
          if (cursor === s.el) cursor = cursor.nextSibling;
          else shown.inner.insertBefore(s.el, cursor);
        });
      });
      disorderedGroups.clear();
      if (reorderStats.length < 20000) reorderStats.push(performance.now() - start);
    }
    // Scheduled once the scrolling has been quiet for a while, not in each step: asking for idle time
    // is itself a few tens of microseconds in a wheel step's frame (a CPU profile of the step).
    const kQuietMs = 100;
    let lastDisorder = 0, quietTimer = 0;
    function laterInOrder(shown) {
      disorderedGroups.add(shown);
      lastDisorder = performance.now();
      if (!quietTimer && !reorderPending) quietTimer = setTimeout(whenQuiet, kQuietMs);
    }
    function whenQuiet() {
      const wait = lastDisorder + kQuietMs - performance.now();
      if (wait > 1) { quietTimer = setTimeout(whenQuiet, wait); return; }
      quietTimer = 0;
      reorderPending = true;
      if (typeof requestIdleCallback === 'function') requestIdleCallback(reorderRows, { timeout: 100 });
      else setTimeout(reorderRows, 0);
    }

    let stats = [];
    // Applied when the console hands it over: in a scrolling frame, after its drawing (a wheel step's
    // rows cost a fraction of a millisecond, and in the frame the work does not wait for a core
    // behind SwiftShader's drawing of that frame, as a task after it would); after a frame prompted
    // by a key, a click or an answer, at the browser's idle time (console_app.cpp says why).
    function apply(json, ratio, diffMs) {
      applyNow(json, ratio, diffMs);
    }
    function dropElement(id) {
      const shown = elements.get(id);
      if (shown) { shown.el.remove(); elements.delete(id); }
    }
    function applyNow(json, ratio, diffMs) {
      const start = performance.now();
      const update = JSON.parse(json);
      update.remove.forEach(function (id) {
        if (id === 'live') return;
        dropElement(id);
        nodes.delete(id);
        parentOf.delete(id);
      });
      update.set.forEach(function (n) {
        const parent = n.parent || '';
        const was = parentOf.get(n.id);
        const moved = was !== undefined && was !== parent;
        nodes.set(n.id, n);
        parentOf.set(n.id, parent);
        let shown = elements.get(n.id);
        if (shown && shown.node.role !== n.role && n.id !== 'live') { dropElement(n.id); shown = null; }
        const parentEl = elements.has(parent) ? elements.get(parent).el : root;
        if (!shown) {
          shown = { el: create(n, false), node: null, ratio: 0, slots: null, named: true };
          if (n.role === 'rowgroup') {
            // The group's content, which its rows are placed in: a plain element (no role, so not in
            // the accessibility tree) that a wheel step moves.
            shown.rows = new Map();
            shown.order = [];
            shown.pool = [];
            shown.inner = document.createElement('div');
            shown.inner.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0';
            shown.el.appendChild(shown.inner);
          }
          elements.set(n.id, shown);
          parentEl.appendChild(shown.el);
        } else if (moved) {
          parentEl.appendChild(shown.el);
        }
        fill(shown, n, ratio);
      });
      if (update.order) {
        // Each element after the one before it in its parent; moved only when it is not already there.
        const last = new Map();
        update.order.forEach(function (id) {
          const shown = elements.get(id);
          if (!shown) return;
          const parent = parentOf.get(id);
          const parentEl = elements.has(parent) ? elements.get(parent).el : root;
          const prev = last.get(parentEl);
          const want = prev ? prev.nextElementSibling : parentEl.firstElementChild;
          if (want !== shown.el) parentEl.insertBefore(shown.el, want);
          last.set(parentEl, shown.el);
        });
      }
      // Row shapes before the rows that name them.
      if (update.shapesReset) shapes.clear();
      if (update.shapes) Object.keys(update.shapes).forEach(function (key) { shapes.set(key, update.shapes[key]); });
      let rowsFilled = 0;
      (update.rows || []).forEach(function (g) {
        const shown = elements.get(g.group);
        if (shown && shown.rows) renderRows(shown, g, ratio);
        rowsFilled += g.fill ? g.fill.length : 0;
      });
      if (stats.length < 20000) stats.push([diffMs, performance.now() - start, rowsFilled, update.set.length]);
    }
    // A frame whose diff found nothing to change: its cost is the diff's alone (benchmarks).
    function noteUnchanged(diffMs) {
      if (stats.length < 20000) stats.push([diffMs, null, 0, 0]);
    }
    // The node an event's element stands for, with its element: the nearest one in the mirror that
    // is a slot or says its id.
    function target(e) {
      for (let el = e.target; el && el !== root; el = el.parentElement) {
        const s = slotOf.get(el);
        // A slot of a row sent flat holds its id's suffix; the row says the rest.
        if (s && s.node.sfx !== undefined && s.rowOf) return { el: el, node: Object.assign({}, s.node, { id: s.rowOf.node.id + s.node.sfx }) };
        if (s) return { el: el, node: s.node };
        if (el.dataset.rosterId) return { el: el, node: nodes.get(el.dataset.rosterId) };
      }
      return null;
    }
    function onClick(e) {
      const t = target(e);
      if (!t || !t.node || !t.node.action) return;
      e.preventDefault();
      act(t.node.id, 'activate', '');
    }
    function onKey(e) {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const t = target(e);
      // Buttons and links turn Enter and Space into a click themselves.
      if (!t || !t.node || !t.node.action || t.el.tagName === 'BUTTON' || t.el.tagName === 'A') return;
      e.preventDefault();
      act(t.node.id, 'activate', '');
    }
    root.addEventListener('click', onClick);
    root.addEventListener('keydown', onKey);
    return {
      root: root,
      apply: apply,
      noteUnchanged: noteUnchanged,
      // What bringing the mirror in step cost since the last call (benchmarks), each time: [C++ diff ms
      // (its text's decoding included), JS apply ms, rows sent, other nodes sent], or [C++ diff ms,
      // null, 0, 0] when nothing changed.
      takeStats: function () { const s = stats; stats = []; return s; },
      // What putting rows in reading order at idle time cost since the last call (benchmarks), ms each.
      takeReorderStats: function () { const s = reorderStats; reorderStats = []; return s; },
    };
  }
